package dev.gantry.run;

import dev.gantry.job.JobSpecException;
import dev.gantry.training.TrainingJob;
import dev.gantry.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time in a job's output directory, held through {@code <output>/.gantry.lock} for as
 * long as the run lasts. Holding it proves that whoever wrote the half-done files there (a
 * checkpoint cut short by {@code kill -9}, a model moved aside) is gone, so they are removed before
 * the run starts, instead of piling up a model's size at a time.
 */
final class OutputLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputLock.class);
    static final String FILE = ".gantry.lock";

    private final FileChannel channel;

    private OutputLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Takes the output directory of {@code job} and clears what dead writers left in it.
     *
     * @throws JobSpecException when another run holds it
     */
    static OutputLock take(TrainingJob job) {
        Path output = Path.of(job.output());
        FileChannel channel;
        try {
            Files.createDirectories(output);
            channel = FileChannel.open(output.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the output directory " + output, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException inThisJvm) {
            lock = null;
        } catch (IOException unsupported) {
            // A file system without locks (some network mounts): run as before, and leave the leftovers.
            LOG.debug("cannot lock {}; leaving any leftovers of earlier runs: {}", output, unsupported.toString());
            return new OutputLock(channel);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new JobSpecException("output.directory: " + output + " is in use by another run of this job;"
                    + " wait for it to end, or set another directory");
        }
        try {
            int removed = AtomicFiles.removeLeftovers(output) + AtomicFiles.removeLeftovers(job.checkpoints().dir());
            if (removed > 0) {
                LOG.debug("removed {} leftover(s) of earlier runs from {}", removed, output);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove what earlier runs left in {}: {}", output, e.toString());
        }
        return new OutputLock(channel);
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("cannot release the output directory's lock: {}", e.toString());
        }
    }
}
