package dev.gantry.service.drivers;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Runs in a driver task before {@code gantry run}: waits until no process holds the job's output
 * directory, then exits 0. {@code gantry run} takes {@code <output>/.gantry.lock} for as long as it
 * runs and refuses, as bad input (exit 2), a directory another run holds. A relaunched driver may
 * start while the attempt before it is still stopping (its launcher JVM was killed; its driver JVM
 * notices and stops Spark), and must not be refused for that, nor train beside it (an agent cut off
 * from the master keeps its driver running until Mesos kills it). The wait ends when the lock is
 * free, not after a guessed delay; after {@code --timeout} seconds (default 900) it exits
 * {@value #STILL_HELD} so that the attempt fails as retryable, not as bad input.
 *
 * <p>Usage: {@code OutputRelease OUTPUT_DIRECTORY [TIMEOUT_SECONDS]}.
 */
public final class OutputRelease {
    /** EX_TEMPFAIL: the output directory is still held; try again later. */
    static final int STILL_HELD = 75;
    /** As {@code dev.gantry.run.OutputLock} names it. */
    static final String LOCK_FILE = ".gantry.lock";
    private static final long POLL_MILLIS = 200;

    private OutputRelease() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: OutputRelease OUTPUT_DIRECTORY [TIMEOUT_SECONDS]");
            System.exit(64);
        }
        Duration timeout = Duration.ofSeconds(args.length == 2 ? Long.parseLong(args[1]) : 900);
        System.exit(await(Path.of(args[0]), timeout));
    }

    /** Waits until nobody holds {@code output}'s lock; returns the exit code {@link #main} ends with. */
    static int await(Path output, Duration timeout) throws InterruptedException {
        Path file = output.resolve(LOCK_FILE);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean said = false;
        while (true) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    lock.release();
                    return 0;
                }
            } catch (NoSuchFileException noRunYet) {
                return 0;
            } catch (IOException e) {
                // Locks unsupported here (some network file systems): gantry run goes on without them too.
                return 0;
            }
            if (!said) {
                System.out.println("gantry: waiting for an earlier run of this job to release " + output);
                System.out.flush();
                said = true;
            }
            if (System.nanoTime() >= deadline) {
                System.err.println("gantry: " + output + " is still held by another run after "
                        + timeout.toSeconds() + " s; giving up this attempt");
                return STILL_HELD;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Whether {@code output}'s lock is held by some process now; for tests. */
    static boolean held(Path output) throws IOException {
        Path file = output.resolve(LOCK_FILE);
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        }
    }
}
