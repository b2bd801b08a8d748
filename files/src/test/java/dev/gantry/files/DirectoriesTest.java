package dev.gantry.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
    @TempDir
    Path temp;

    @Test
    void deleteTreeRemovesEverythingBelowButNotWhatALinkPointsTo() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("spark-core.jar"), "jar");
        Path root = Files.createDirectories(temp.resolve("home/jars/nested"));
        Files.writeString(root.resolve("a"), "1");
        Files.writeString(temp.resolve("home/b"), "2");
        Files.createSymbolicLink(temp.resolve("home/jars/000-spark-core.jar"), outside.resolve("spark-core.jar"));
        Files.createSymbolicLink(temp.resolve("home/linked-dir"), outside);

        Directories.deleteTree(temp.resolve("home"));

        assertThat(temp.resolve("home")).doesNotExist();
        assertThat(outside.resolve("spark-core.jar")).hasContent("jar");
    }

    @Test
    void deleteTreeOfAMissingDirectoryOrAPlainFileDoesWhatItCan() throws Exception {
        Directories.deleteTree(temp.resolve("never-made"));
        Path file = Files.writeString(temp.resolve("file"), "x");

        Directories.deleteTree(file);

        assertThat(file).doesNotExist();
        assertThat(temp).isEmptyDirectory();
    }
}
