package dev.gantry.benchmarks.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeSparkHomeTest {
    @Test
    void jarsHoldsALinkToEveryJarOnTheClasspathAndDeletingLeavesTheJarsAlone() throws Exception {
        List<Path> classpathJars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar")).map(Path::of).filter(Files::isRegularFile).toList();
        Path home = FakeSparkHome.create();
        try {
            List<Path> links;
            try (var listing = Files.list(home.resolve("jars"))) {
                links = listing.toList();
            }
            assertThat(links).hasSize(classpathJars.size()).allMatch(Files::isSymbolicLink);
            assertThat(links.stream().map(this::target).toList())
                    .containsExactlyInAnyOrderElementsOf(classpathJars.stream().map(Path::toAbsolutePath).toList());
        } finally {
            FakeSparkHome.delete(home);
        }
        assertThat(home).doesNotExist();
        assertThat(classpathJars).allMatch(Files::isRegularFile);
    }

    @Test
    void scalaVersionIsMajorDotMinor() {
        assertThat(FakeSparkHome.scalaVersion()).isEqualTo("2.13");
    }

    private Path target(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
