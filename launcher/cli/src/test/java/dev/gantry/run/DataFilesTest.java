package dev.gantry.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {
    @TempDir
    Path temp;

    private Path file(String name) throws IOException {
        Path path = temp.resolve(name);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "x");
    }

    @Test
    void aFileIsItself() throws IOException {
        Path file = file("train.csv");
        assertThat(DataFiles.of(file, "data.path")).containsExactly(file);
    }

    @Test
    void aDirectoryIsEveryFileSparkReadsAtAnyDepthInPathOrder() throws IOException {
        Path b = file("data/part-1.csv");
        Path a = file("data/part-0");
        Path partition = file("data/day=2/part-0.csv");
        Path underscorePartition = file("data/_x=1/part-0.csv");
        file("data/_SUCCESS");
        file("data/.part-0.crc");
        file("data/part-2.csv._COPYING_");
        file("data/_temporary/0/part-9.csv");
        file("data/.hidden/part-8.csv");
        assertThat(DataFiles.of(temp.resolve("data"), "data.path")).containsExactly(underscorePartition, partition, a, b);
    }

    @Test
    void aDirectoryWithoutDataIsRefused() throws IOException {
        file("data/_SUCCESS");
        assertThatThrownBy(() -> DataFiles.of(temp.resolve("data"), "data.path"))
                .hasMessage("data.path: directory " + temp.resolve("data") + " holds no data files");
    }
}
