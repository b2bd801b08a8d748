package dev.gantry.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One Mesos program (a master or an agent) on a loopback port, its output appended to a log file. */
final class MesosProcess {
    private final Process process;
    private final Path log;
    private final int port;
    private final MesosBundle bundle;
    private final String kind;
    private final List<String> flags;

    private MesosProcess(Process process, Path log, int port, MesosBundle bundle, String kind, List<String> flags) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.bundle = bundle;
        this.kind = kind;
        this.flags = List.copyOf(flags);
    }

    /** Starts {@code mesos.sh kind flags}; {@code port} is the one its flags name. */
    static MesosProcess start(MesosBundle bundle, String kind, List<String> flags, Path log, int port)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(bundle.script().toString(), kind));
        command.addAll(flags);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // glog to stderr only: no log files beside the work dirs.
        builder.environment().put("GLOG_logtostderr", "1");
        return new MesosProcess(builder.start(), log, port, bundle, kind, flags);
    }

    /** The same program with the same flags, its log appended to the first run's. */
    MesosProcess again() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(kind + " on port " + port + " is still running");
        }
        return start(bundle, kind, flags, log, port);
    }

    int port() {
        return port;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The log's last 15 lines, for a failing test's message. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL to everything the program started (an agent's executors), leaving the program itself. */
    void killDescendants() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** SIGKILL, as a crashed host; with its descendants, or leaving them running as a crashed agent does. */
    void kill(boolean withDescendants) throws InterruptedException {
        if (withDescendants) {
            killDescendants();
        }
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL after 10 seconds. */
    void destroy() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
