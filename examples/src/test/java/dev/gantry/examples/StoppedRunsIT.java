package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./gantry run} stopped from outside while it trains, with real signals to the real
 * processes: the launcher killed, the driver JVM killed, Ctrl-C. Nothing may keep training, and
 * the next run of the same command must resume and leave nothing behind.
 */
class StoppedRunsIT {
    private static final String EXAMPLE = "digits-tensorflow-mlp.yaml";
    private static final Duration STARTUP = Duration.ofMinutes(5);
    private static final Duration STOPPING = Duration.ofMinutes(2);
    private static final Pattern STOPPED = Pattern.compile("stopped: kept the checkpoint at step (\\d+) of (\\d+) in (\\S+);"
            + " run the same command again to resume");

    @TempDir
    Path temp;
    private Path tmp;
    private Path output;
    private final List<ProcessHandle> started = new ArrayList<>();

    @BeforeEach
    void directories() throws IOException {
        tmp = Files.createDirectories(temp.resolve("tmp"));
        output = temp.resolve("out");
    }

    @AfterEach
    void killWhatIsLeft() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void killingGantryStopsItsDriverAndEveryExecutor() throws Exception {
        Path log = temp.resolve("gantry.log");
        // Far more epochs than the test could wait for: only a stop ends this run.
        Process gantry = start(log, "100000");
        awaitTraining(log);
        List<ProcessHandle> descendants = gantry.descendants().toList();
        started.addAll(descendants);
        assertThat(descendants).as("the driver JVM and its two executors").hasSizeGreaterThanOrEqualTo(3);

        gantry.destroyForcibly();

        await("the driver and every executor to exit after gantry was killed", STOPPING,
                () -> descendants.stream().noneMatch(ProcessHandle::isAlive));
        List<String> stopped = stoppedLines(Files.readString(log));
        assertThat(stopped).as(Files.readString(log)).hasSize(1);
        assertThat(stopped.get(0)).matches(STOPPED);
    }

    @Test
    void aRunWhoseDriverWasKilledResumesAndLeavesNoTemporariesBehind() throws Exception {
        Path log = temp.resolve("first.log");
        Process gantry = start(log, "40");
        awaitTraining(log);
        ProcessHandle driver = gantry.children().findFirst().orElseThrow();
        List<ProcessHandle> executors = driver.children().toList();
        started.addAll(gantry.descendants().toList());

        driver.destroyForcibly();

        assertThat(gantry.waitFor(STOPPING.toSeconds(), TimeUnit.SECONDS)).as("gantry ended with its driver").isTrue();
        assertThat(gantry.exitValue()).isEqualTo(137);
        assertThat(Files.readString(log)).contains("gantry: the driver JVM was killed (SIGKILL); its newest"
                + " checkpoint is kept: run the same command again to resume");
        await("the executors to exit after their driver was killed", STOPPING,
                () -> executors.stream().noneMatch(ProcessHandle::isAlive));
        // What a worker killed while it wrote a checkpoint leaves: its temporary directory, half full.
        Path cutShort = Files.createDirectories(output.resolve("checkpoints").resolve(".step-000000007.k3x9q0.tmp"));
        Files.write(cutShort.resolve("model.bin"), new byte[1000]);

        Path again = temp.resolve("again.log");
        Process rerun = start(again, "40");
        assertThat(rerun.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).as("the rerun ended").isTrue();
        String printed = Files.readString(again);
        assertThat(rerun.exitValue()).as(printed).isZero();
        assertThat(printed).contains("resuming from the checkpoint at step", "finished:");
        assertThat(directoriesIn(tmp)).as("the runs' temporary directories").isEmpty();
        assertThat(leftovers(output)).isEmpty();
        assertThat(leftovers(output.resolve("checkpoints"))).isEmpty();
    }

    @Test
    void ctrlCCheckpointsTheStepWhereTheRunStoppedSaysSoInOneLineAndTheSameCommandResumesFromIt() throws Exception {
        // No periodic checkpoint before the job's end: whatever the stop keeps, the stop itself wrote.
        // SIGTERM (how Mesos stops a driver that gantry serve preempts) takes the same way: GantryServiceIT.
        String never = "1000000";
        Path log = temp.resolve("first.log");
        Process gantry = start(log, "40", never);
        awaitTraining(log);
        started.addAll(gantry.descendants().toList());

        // A terminal's Ctrl-C; the launcher passes it on to its driver.
        Process interrupt = new ProcessBuilder("kill", "-INT", String.valueOf(gantry.pid())).inheritIO().start();
        assertThat(interrupt.waitFor()).isZero();

        assertThat(gantry.waitFor(STOPPING.toSeconds(), TimeUnit.SECONDS)).as("gantry stopped").isTrue();
        String printed = Files.readString(log);
        assertThat(gantry.exitValue()).as(printed).isEqualTo(130);
        List<String> stopped = stoppedLines(printed);
        assertThat(stopped).as(printed).hasSize(1);
        Matcher kept = STOPPED.matcher(stopped.get(0));
        assertThat(kept.matches()).as(stopped.get(0)).isTrue();
        assertThat(Path.of(kept.group(3))).isEqualTo(output.resolve("checkpoints"));
        long step = Long.parseLong(kept.group(1));
        long total = Long.parseLong(kept.group(2));
        assertThat(step).as("a step past the first epoch, before the end").isGreaterThan(total / 40).isLessThan(total);
        try (Stream<Path> checkpoints = Files.list(output.resolve("checkpoints"))) {
            assertThat(checkpoints.map(p -> p.getFileName().toString()))
                    .containsExactly(String.format("step-%09d", step));
        }

        Path again = temp.resolve("again.log");
        Process rerun = start(again, "40", never);
        assertThat(rerun.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).as("the rerun ended").isTrue();
        String resumed = Files.readString(again);
        assertThat(rerun.exitValue()).as(resumed).isZero();
        assertThat(resumed).contains("resuming from the checkpoint at step " + step + " of " + total, "finished:");
    }

    /** The example, small and checkpointing often, as a person starts it from a shell. */
    private Process start(Path log, String epochs) throws IOException {
        return start(log, epochs, "20");
    }

    private Process start(Path log, String epochs, String checkpointSteps) throws IOException {
        List<String> command = List.of(
                // A shell starts background jobs with SIGINT ignored, and Java keeps it so; a terminal's doesn't.
                "env", "--default-signal=INT",
                GantryRun.ROOT.resolve("gantry").toString(), "run", "examples/jobs/" + EXAMPLE,
                "--set", "output.directory=" + output,
                "--set", "training.epochs=" + epochs,
                "--set", "training.checkpointSteps=" + checkpointSteps,
                "--set", "data.options.examples=2000",
                "--set", "data.validation.options.examples=200");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(GantryRun.ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GANTRY_"));
        // This test's own temporary directory and registry, to see what the runs leave there.
        builder.environment().put("GANTRY_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp + " -Dgantry.home=" + temp.resolve("home"));
        Process gantry = builder.start();
        started.add(gantry.toHandle());
        return gantry;
    }

    private static void awaitTraining(Path log) throws Exception {
        await("training to start (" + log + ")", STARTUP, () -> {
            try {
                return Files.readString(log).contains("epoch 2/");
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static List<String> stoppedLines(String printed) {
        return printed.lines().filter(l -> l.startsWith("stopped:")).toList();
    }

    private static List<Path> directoriesIn(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).toList();
        }
    }

    /** Files a writer meant to rename: every dot-file but the run's lock. */
    private static List<String> leftovers(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".") && !n.equals(".gantry.lock")).toList();
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
