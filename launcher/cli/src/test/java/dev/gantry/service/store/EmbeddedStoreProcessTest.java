package dev.gantry.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store across processes: a killed service loses nothing; two services cannot share one. */
class EmbeddedStoreProcessTest {
    @TempDir
    Path dataDirectory;

    @Test
    void aServiceKilledRightAfterItsCommitsLosesNoneOfThem() throws Exception {
        Process child = child("crash");
        String output = readUntil(child, "committed");
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("committed");

        try (JdbcJobStore store = JdbcJobStore.open(DatabaseConfig.embedded(dataDirectory))) {
            assertThat(store.list(JobQuery.all())).hasSize(3);
            Job started = store.find(1).orElseThrow();
            assertThat(started.state()).isEqualTo(JobState.STARTING);
            assertThat(started.driver()).isEqualTo(new DriverPlacement("task-1", "agent-1"));
            assertThat(started.gpuSeconds()).isEqualTo(12.5);
            assertThat(store.events(1)).hasSize(2);
        }
    }

    @Test
    void aSecondServiceOnTheSameDataDirectoryIsToldItIsInUse() throws Exception {
        Process holder = child("hold");
        try {
            readUntil(holder, "open");

            assertThatThrownBy(() -> JdbcJobStore.open(DatabaseConfig.embedded(dataDirectory)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("cannot open embedded database " + dataDirectory.toAbsolutePath() + "/store/gantry.mv.db")
                    .hasMessageContaining("in use by another process");
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(60, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        try (JdbcJobStore store = JdbcJobStore.open(DatabaseConfig.embedded(dataDirectory))) {
            assertThat(store.list(JobQuery.all())).isEmpty();
        }
    }

    private Process child(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StoreChild.class.getName(), mode,
                dataDirectory.toString()).redirectErrorStream(true).start();
    }

    /** The child's output up to and with the line {@code wanted}, or all of it if it ends first. */
    private static String readUntil(Process child, String wanted) throws IOException {
        StringBuilder output = new StringBuilder();
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            output.append(line).append('\n');
            if (line.equals(wanted)) {
                return output.toString();
            }
        }
        throw new AssertionError("the child ended without printing '" + wanted + "':\n" + output);
    }
}
