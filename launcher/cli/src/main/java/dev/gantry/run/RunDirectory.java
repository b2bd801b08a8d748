package dev.gantry.run;

import dev.gantry.files.AtomicFiles;
import dev.gantry.files.Directories;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's scratch space, {@code <tmp>/gantry-run-<random>}: the driver JVM's {@code java.io.tmpdir},
 * so that everything it and its libraries put there (Spark's {@code spark-*} and {@code blockmgr-*},
 * the embedded cluster's sandboxes, model exports) lies in one directory that goes as a whole.
 *
 * <p>Whoever uses it holds a shared lock on its {@code owner.lock}: the launcher from before the
 * driver starts until after it ends, the driver for its whole life. The kernel drops a dead
 * process's locks, {@code kill -9} included, and a pid cannot be reused into one; so a directory
 * whose lock {@link #sweep} can take exclusively has no user left and is removed by the next run.
 */
public final class RunDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunDirectory.class);
    static final String PREFIX = "gantry-run-";
    static final String LOCK = "owner.lock";

    /** The driver's hold on its run directory; kept reachable, since a collected channel closes and unlocks. */
    private static volatile FileChannel joined;

    private final Path path;
    private final FileChannel channel;
    private boolean closed;

    private RunDirectory(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** A fresh run directory under {@code base}, held by this process until {@link #close()}. */
    public static RunDirectory create(Path base) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(base), PREFIX);
        // The lock file takes its name only once locked, so a sweep never sees it free in between.
        Path unlocked = dir.resolve(LOCK + ".new");
        FileChannel channel = FileChannel.open(unlocked, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            channel.lock(0, Long.MAX_VALUE, true);
            AtomicFiles.rename(unlocked, dir.resolve(LOCK));
        } catch (IOException | RuntimeException e) {
            channel.close();
            deleteTree(dir);
            throw e;
        }
        return new RunDirectory(dir, channel);
    }

    /**
     * Holds {@code dir} for as long as this process lives; for the driver, whose launcher made it.
     * Never released: the process's end releases it.
     */
    public static synchronized void join(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.READ);
        channel.lock(0, Long.MAX_VALUE, true);
        joined = channel;
    }

    /** Removes the run directories under {@code base} that no live process holds; returns how many. */
    public static int sweep(Path base) {
        int removed = 0;
        if (!Files.isDirectory(base)) {
            return 0;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (removeIfAbandoned(dir)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot list {} for abandoned run directories: {}", base, e.toString());
        }
        return removed;
    }

    private static boolean removeIfAbandoned(Path dir) {
        // Another user's directory (not ours to open) or one still being made (no lock yet) stays.
        try (FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            LOG.debug("removing {}: the run that made it is gone", dir);
            deleteTree(dir);
            return true;
        } catch (OverlappingFileLockException ours) {
            return false;
        } catch (NoSuchFileException | java.nio.file.AccessDeniedException notOurs) {
            return false;
        } catch (IOException e) {
            LOG.debug("cannot remove the abandoned run directory {}: {}", dir, e.toString());
            return false;
        }
    }

    public Path path() {
        return path;
    }

    /**
     * Removes the directory and lets go of it. Best effort: an executor that outlived its driver for
     * a moment may still be writing below it, and then the next run's sweep finishes the job.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            deleteTree(path);
        } catch (IOException e) {
            LOG.debug("cannot remove the run directory {} now; the next run will: {}", path, e.toString());
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("cannot release {}: {}", path, e.toString());
        }
    }

    /**
     * Deletes the lock file last: a directory left half-deleted (an executor still writing) keeps it,
     * and with it the next sweep's way to tell that nobody holds the rest.
     */
    private static void deleteTree(Path root) throws IOException {
        Path lock = root.resolve(LOCK);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (!entry.equals(lock)) {
                    Directories.deleteTree(entry);
                }
            }
        } catch (NoSuchFileException gone) {
            return;
        }
        Files.deleteIfExists(lock);
        Files.deleteIfExists(root);
    }
}
