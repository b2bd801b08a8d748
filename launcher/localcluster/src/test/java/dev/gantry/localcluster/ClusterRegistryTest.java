package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterRegistryTest {
    @TempDir
    Path temp;

    @Test
    void aRegistrationIsAPrivateFileUntilClosed() throws Exception {
        Path directory = temp.resolve("home/clusters");
        ClusterRegistry registry = new ClusterRegistry(directory);
        assertThat(registry.live()).isEmpty();
        try (ClusterRegistry.Registration registration = registry.register("mesos://127.0.0.1:5050")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
            Path file = registration.file().orElseThrow();
            assertThat(file.getFileName().toString()).isEqualTo(ProcessHandle.current().pid() + "-5050.json");
            assertThat(Files.readString(file)).contains("\"url\" : \"mesos://127.0.0.1:5050\"")
                    .contains("\"pid\" : " + ProcessHandle.current().pid()).contains("\"started\"");
            assertThat(registry.live()).singleElement().satisfies(entry -> {
                assertThat(entry.url()).isEqualTo("mesos://127.0.0.1:5050");
                assertThat(entry.pid()).isEqualTo(ProcessHandle.current().pid());
            });
            try (java.nio.file.DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, ".*")) {
                assertThat(leftovers).as("no temporary file is left behind").isEmpty();
            }
        }
        assertThat(registry.live()).isEmpty();
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void twoClustersOfOneProcessAreTwoEntriesOldestFirst() throws Exception {
        ClusterRegistry registry = new ClusterRegistry(temp);
        try (var first = registry.register("mesos://127.0.0.1:5050");
             var second = registry.register("mesos://127.0.0.1:5051")) {
            assertThat(registry.live()).extracting(ClusterRegistry.Entry::url)
                    .containsExactly("mesos://127.0.0.1:5050", "mesos://127.0.0.1:5051");
        }
    }

    @Test
    void entriesOfDeadProcessesAreIgnoredAndCleanedUp() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Path dead = write(exited.pid() + "-5050.json", "mesos://127.0.0.1:5050", exited.pid(), Instant.now());
        // This process' pid, but registered long before it started: a dead process whose pid was reused.
        Path reused = write("reused.json", "mesos://127.0.0.1:5052", ProcessHandle.current().pid(),
                Instant.parse("2001-01-01T00:00:00Z"));
        Path garbage = temp.resolve("garbage.json");
        Files.writeString(garbage, "{not json");
        ClusterRegistry registry = new ClusterRegistry(temp);
        try (var live = registry.register("mesos://127.0.0.1:5051")) {
            assertThat(registry.live()).extracting(ClusterRegistry.Entry::url).containsExactly("mesos://127.0.0.1:5051");
        }
        assertThat(dead).doesNotExist();
        assertThat(reused).doesNotExist();
        assertThat(garbage).as("unreadable entries are skipped, not deleted").exists();
    }

    @Test
    void embeddedClustersLiveWhereTheGantryHomePropertySays() {
        assertThat(EmbeddedClusters.registry().directory())
                .isEqualTo(Path.of(System.getProperty(EmbeddedClusters.HOME_PROPERTY, System.getProperty("user.home")
                        + "/.gantry")).resolve("clusters"));
    }

    private Path write(String name, String url, long pid, Instant started) throws Exception {
        Path file = temp.resolve(name);
        Files.writeString(file, "{\"url\":\"" + url + "\",\"pid\":" + pid + ",\"started\":\"" + started + "\"}");
        return file;
    }
}
