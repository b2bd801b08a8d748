package dev.gantry.training.tensorboard;

import dev.gantry.training.checkpoint.IoFailures;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One TensorBoard event file in a directory, named as TensorFlow names them,
 * {@code events.out.tfevents.<unix seconds>.<host>.<pid>}, with {@code .1}, {@code .2}, ... when that
 * name is taken: a resumed run writes a file of its own beside the earlier run's, never over it.
 *
 * <p>The file is created at the first scalar, so a run that trains nothing leaves none. Scalars
 * reach the disk at {@link #flush()}, so TensorBoard follows a live run. Events are a by-product:
 * the first I/O failure is told once to {@code warn} and ends writing, and never fails training.
 */
public final class EventFile implements AutoCloseable {
    private static final int MAX_NAME_TRIES = 1000;

    private final Path dir;
    private final Consumer<String> warn;
    private OutputStream out;
    private TfRecordWriter records;
    /** After a failure or {@link #close}: a late scalar (a progress message still in flight) is dropped. */
    private boolean stopped;

    /** @param warn takes the one line that says why events stopped, such as the job's log */
    public EventFile(Path dir, Consumer<String> warn) {
        this.dir = dir;
        this.warn = warn;
    }

    public void scalar(String tag, long step, float value) {
        if (stopped) {
            return;
        }
        try {
            if (records == null) {
                open();
            }
            records.write(EventEncoding.scalar(wallTime(), step, tag, value));
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    public void flush() {
        if (stopped || out == null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void close() {
        flush();
        stopped = true;
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // flushed above: what could be written is written, and a failure there was told
            }
            out = null;
        }
    }

    private void open() throws IOException {
        Files.createDirectories(dir);
        String base = "events.out.tfevents." + String.format(Locale.ROOT, "%010d", System.currentTimeMillis() / 1000)
                + "." + host() + "." + ProcessHandle.current().pid();
        for (int n = 0; out == null; n++) {
            try {
                out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(n == 0 ? base : base + "." + n),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            } catch (FileAlreadyExistsException taken) {
                if (n >= MAX_NAME_TRIES) {
                    throw taken;
                }
            }
        }
        records = new TfRecordWriter(out);
        records.write(EventEncoding.fileVersion(wallTime()));
    }

    private void fail(Exception e) {
        stopped = true;
        warn.accept("TensorBoard events stop here: cannot write to " + dir + ": " + IoFailures.describe(e)
                + "; training goes on without them");
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // already failed, and said so
            }
            out = null;
        }
    }

    private static double wallTime() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** The host part of the name, kept to characters every file system takes. */
    private static String host() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = "localhost";
        }
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
