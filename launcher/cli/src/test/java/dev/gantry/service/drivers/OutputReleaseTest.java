package dev.gantry.service.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wait for an earlier run's lock, against a real lock held by another process. */
class OutputReleaseTest {
    @TempDir
    Path output;

    /** Holds {@code <dir>/.gantry.lock} as {@code gantry run} does, prints "locked", and lets go when stdin closes. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]).resolve(OutputRelease.LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                channel.lock();
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // Held until the test closes our stdin.
                }
            }
        }
    }

    private Process hold() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), output.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
        return holder;
    }

    @Test
    void anOutputDirectoryNoRunHoldsIsFreeAtOnce() throws Exception {
        assertThat(OutputRelease.await(output.resolve("never-run"), Duration.ZERO)).isZero();
        Files.createFile(output.resolve(OutputRelease.LOCK_FILE));
        assertThat(OutputRelease.await(output, Duration.ZERO)).isZero();
    }

    @Test
    void waitsWhileAnotherProcessHoldsTheDirectoryAndEndsWhenItLetsGo() throws Exception {
        Process holder = hold();
        try {
            assertThat(OutputRelease.held(output)).isTrue();
            assertThat(OutputRelease.await(output, Duration.ZERO)).as("still held: retryable, not bad input")
                    .isEqualTo(OutputRelease.STILL_HELD);
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return OutputRelease.await(output, Duration.ofMinutes(5));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            holder.getOutputStream().close();
            assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(waiting.get(5, TimeUnit.MINUTES)).isZero();
            assertThat(OutputRelease.held(output)).isFalse();
        } finally {
            holder.destroyForcibly();
        }
    }
}
