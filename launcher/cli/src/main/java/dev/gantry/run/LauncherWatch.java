package dev.gantry.run;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends the driver JVM when the launcher that started it is gone, however it went ({@code kill -9}
 * skips the launcher's own shutdown hook): the launcher gives the driver a pipe as its stdin and
 * never writes to it, so end-of-file there means the kernel closed the launcher's end. Unlike
 * watching the parent's pid, that cannot be fooled by reparenting or a reused pid.
 *
 * <p>The exit runs the same shutdown hooks as Ctrl-C: the job stops, the framework is torn down,
 * the embedded cluster and its executors end, and the stop is told in one line.
 */
final class LauncherWatch implements Runnable {
    /** As a shell reports a process ended by SIGHUP, the signal of a user who went away. */
    static final int LAUNCHER_GONE = 129;

    private final InputStream fromLauncher;

    LauncherWatch(InputStream fromLauncher) {
        this.fromLauncher = fromLauncher;
    }

    static void start(InputStream fromLauncher) {
        Thread watch = new Thread(new LauncherWatch(fromLauncher), "gantry-launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }

    @Override
    public void run() {
        byte[] ignored = new byte[64];
        try {
            while (fromLauncher.read(ignored) >= 0) {
                // The launcher writes nothing; only the end matters.
            }
        } catch (IOException e) {
            // A broken pipe is the launcher gone too.
        }
        System.exit(LAUNCHER_GONE);
    }
}
