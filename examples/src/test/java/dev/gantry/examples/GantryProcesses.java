package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code gantry} commands a test starts as a user would, from the checkout's script, each
 * writing to its own log; closing kills whatever of them still runs, with their children.
 */
final class GantryProcesses implements AutoCloseable {
    private final Path directory;
    private final List<Process> started = new ArrayList<>();

    /** @param directory where the commands run and their logs go */
    GantryProcesses(Path directory) {
        this.directory = directory;
    }

    /** Starts {@code gantry ARGS}, its output (both streams) to {@code log}. */
    Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(GantryRun.ROOT.resolve("gantry").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GANTRY_"));
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** Runs {@code gantry ARGS} to its end: its exit code and output. */
    GantryRun.Ended run(String... args) throws Exception {
        Path log = Files.createTempFile(directory, "cli", ".log");
        Process process = start(log, args);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", args)).isTrue();
        return new GantryRun.Ended(process.exitValue(), Files.readString(log));
    }

    /** A token issued with {@code gantry serve token USER}; fails the test when none is. */
    String token(String user, Path tenancy) throws Exception {
        GantryRun.Ended issued = run("serve", "token", user, "--tenancy", tenancy.toString());
        assertThat(issued.exit()).as(issued.printed()).isZero();
        return issued.printed().strip();
    }

    @Override
    public void close() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
