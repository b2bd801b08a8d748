package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Gantry guarantees when training meets a fault, each shown on the real {@code ./gantry run}
 * of the TensorFlow example (smaller data, so that each run is short) on the embedded cluster,
 * with real processes, real signals and, where this machine lets the test mount one, a real full
 * tmpfs. Where the fault is recoverable the run's metrics equal an undisturbed run's; where it is
 * not, nothing is exported and the root cause is printed once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingFaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = "digits-tensorflow-mlp.yaml";
    /** 2000 examples in batches of 64: 31 steps an epoch, 155 steps in all. */
    private static final String[] SMALL = {"--set", "data.options.examples=2000",
            "--set", "data.validation.options.examples=500", "--set", "training.epochs=5"};
    private static final int STEPS_PER_EPOCH = 31;

    @TempDir
    Path temp;

    private JsonNode undisturbed;

    @BeforeAll
    void runOnceUndisturbed(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("undisturbed");
        GantryRun.run(EXAMPLE, output, dir.resolve("undisturbed.log"), SMALL);
        undisturbed = JSON.readTree(output.resolve("metrics.json").toFile());
        assertThat(undisturbed.get("epochs")).hasSize(5);
    }

    @Test
    void aDamagedCheckpointIsSkippedForTheNewestIntactOneAndTheJobEndsAsIfUndisturbed() throws Exception {
        Path output = temp.resolve("damaged");
        // Ends part-way through the third epoch with checkpoints at steps 40, 60 and 70.
        GantryRun.run(EXAMPLE, output, temp.resolve("first.log"),
                with("--set", "training.maxSteps=70", "--set", "training.checkpointSteps=20"));
        Path newest = output.resolve("checkpoints/step-000000070/model.bin");
        overwriteMiddleByte(newest);

        String printed = GantryRun.run(EXAMPLE, output, temp.resolve("second.log"), SMALL);

        assertThat(printed).contains("skipped the damaged checkpoint " + newest.getParent()
                + ": model.bin does not match its SHA-256");
        // Step 60 is mid-way through the second epoch (steps 32-62): its history is reopened there.
        assertThat(printed).contains("resuming from the checkpoint at step 60 of 155");
        JsonNode resumed = JSON.readTree(output.resolve("metrics.json").toFile());
        assertThat(resumed.get("resumedFromStep").asLong()).isEqualTo(60);
        assertSameEpochs(resumed, undisturbed);
        assertThat(output.resolve("report.html")).content().contains("resumed from step 60");
    }

    @Test
    void whenNoCheckpointIsIntactTheRunStopsBeforeAnythingStartsNamingTheFiles() throws Exception {
        Path output = temp.resolve("all-damaged");
        GantryRun.run(EXAMPLE, output, temp.resolve("first.log"), with("--set", "training.maxSteps=" + STEPS_PER_EPOCH));
        Path only = output.resolve("checkpoints/step-000000031/model.bin");
        Files.write(only, new byte[] {1, 2, 3});
        Files.delete(output.resolve("metrics.json"));

        GantryRun.Ended ended = GantryRun.attempt(EXAMPLE, output, temp.resolve("second.log"), SMALL);

        assertThat(ended.exit()).isEqualTo(2);
        assertThat(ended.printed().strip()).isEqualTo("gantry: output.directory: no intact checkpoint in "
                + output.resolve("checkpoints") + " (step-000000031: model.bin has 3 bytes, the manifest says "
                + manifestBytes(only) + "); move the directory"
                + " aside to train from the start");
        assertThat(output.resolve("metrics.json")).doesNotExist();
    }

    @Test
    void aLossThatBecomesNanStopsTheJobAtOnceExportingNothing() throws Exception {
        Path output = temp.resolve("diverged");
        GantryRun.Ended ended = GantryRun.attempt(EXAMPLE, output, temp.resolve("diverged.log"),
                with("--set", "training.optimizer=sgd", "--set", "training.learningRate=1e30"));

        assertThat(ended.exit()).as(ended.printed()).isEqualTo(1);
        List<String> errors = lines(ended.printed(), "gantry: ");
        assertThat(errors).singleElement().asString().matches(
                "gantry: training diverged: the loss is (NaN|Infinity|-Infinity) at step \\d+ of 155 \\(epoch 1\\);"
                        + " nothing was exported, no checkpoint was written yet\\. Lower training\\.learningRate, or set"
                        + " training\\.stopOnDivergence: false to train on regardless");
        assertThat(ended.printed()).doesNotContain("resuming from the checkpoint");
        assertThat(output.resolve("model")).doesNotExist();
        assertThat(output.resolve("metrics.json")).doesNotExist();
    }

    @Test
    void aFullDiskEndsTheJobWithTheWorkersOwnErrorAndNoRetry() throws Exception {
        Path output = temp.resolve("full");
        Files.createDirectories(output);
        boolean tmpfs = mountTinyTmpfs(output);
        if (!tmpfs) {
            // This machine lets no test mount a file system: fail the same write with a real error instead.
            Files.writeString(output.resolve("checkpoints"), "a file where the checkpoints directory goes");
        }
        try {
            GantryRun.Ended ended = GantryRun.attempt(EXAMPLE, output, temp.resolve("full.log"), SMALL);

            assertThat(ended.exit()).as(ended.printed()).isEqualTo(1);
            List<String> errors = lines(ended.printed(), "gantry: ");
            assertThat(errors).singleElement().asString()
                    .startsWith("gantry: worker 0 cannot write the checkpoint at step " + STEPS_PER_EPOCH + " to "
                            + output.resolve("checkpoints") + ": ")
                    .contains(tmpfs ? "No space left on device" : output.resolve("checkpoints").toString());
            assertThat(ended.printed()).as("not retried").doesNotContain("resuming from the checkpoint", "closed the connection");
            assertThat(output.resolve("model")).doesNotExist();
        } finally {
            if (tmpfs) {
                new ProcessBuilder("umount", output.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aLostExecutorIsReplacedAndTheResumedRunReportsWhatAnUndisturbedRunReports() throws Exception {
        Path output = temp.resolve("executor-lost");
        Path log = temp.resolve("executor-lost.log");
        // Long enough that the kill, right after the first checkpoint, lands well before the end.
        String[] longer = {"--set", "data.options.examples=2000", "--set", "data.validation.options.examples=500",
                "--set", "training.epochs=100"};
        Process gantry = GantryRun.start(EXAMPLE, output, log, longer);
        try {
            awaitFile(output.resolve("checkpoints"), gantry);
            ProcessHandle executor = executorOf(gantry, "1").orElseThrow(() -> new AssertionError("no executor 1"));
            executor.destroyForcibly();
            assertThat(gantry.waitFor(5, TimeUnit.MINUTES)).isTrue();
        } finally {
            gantry.descendants().forEach(ProcessHandle::destroyForcibly);
            gantry.destroyForcibly();
        }
        String printed = Files.readString(log);
        assertThat(gantry.exitValue()).as(printed).isZero();
        JsonNode metrics = JSON.readTree(output.resolve("metrics.json").toFile());
        assertThat(metrics.get("resumedFromStep").asLong()).as(printed).isPositive();
        assertThat(metrics.get("epochs")).hasSize(100);
        for (JsonNode e : metrics.get("epochs")) {
            assertThat(e.get("loss").asDouble()).isFinite().isPositive();
        }
        assertThat(printed).containsPattern("finished: \\d+ steps in .* \\(resumed from step \\d+\\)");
        for (String row : workerRows(printed)) {
            assertThat(row).as("the summary names each worker's agent, the replacement's too").doesNotContain("127.0.0.1");
        }
        // The loss chart's data marks the resume step (uPlot draws it as a dashed line).
        assertThat(output.resolve("report.html")).content()
                .contains("\"markers\":[{\"key\":\"resumed\",\"label\":\"resumed from step "
                        + metrics.get("resumedFromStep").asLong() + "\"");
    }

    private static void assertSameEpochs(JsonNode actual, JsonNode expected) {
        JsonNode a = actual.get("epochs");
        JsonNode e = expected.get("epochs");
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < e.size(); i++) {
            assertThat(a.get(i).get("epoch").asInt()).isEqualTo(e.get(i).get("epoch").asInt());
            assertThat(a.get(i).get("step").asLong()).isEqualTo(e.get(i).get("step").asLong());
            double loss = e.get(i).get("loss").asDouble();
            assertThat(a.get(i).get("loss").asDouble()).as("epoch %d loss", i + 1).isCloseTo(loss, within(1e-5 * loss));
            assertThat(a.get(i).get("accuracy").asDouble()).as("epoch %d accuracy", i + 1)
                    .isCloseTo(e.get(i).get("accuracy").asDouble(), within(1e-9));
        }
    }

    private static String[] with(String... more) {
        List<String> all = new ArrayList<>(List.of(SMALL));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static void overwriteMiddleByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(file, bytes);
    }

    private static long manifestBytes(Path model) throws IOException {
        JsonNode manifest = JSON.readTree(model.resolveSibling("manifest.json").toFile());
        for (JsonNode f : manifest.get("files")) {
            if (f.get("name").asText().equals("model.bin")) {
                return f.get("bytes").asLong();
            }
        }
        throw new AssertionError("model.bin is not in the manifest");
    }

    /** The lines starting with {@code prefix}, less the script's note that it is (re)building the launcher. */
    private static List<String> lines(String printed, String prefix) {
        return printed.lines().filter(l -> l.startsWith(prefix) && !l.startsWith("gantry: building the launcher"))
                .toList();
    }

    /** The summary's worker rows: after the "worker  agent" header, up to "model:". */
    private static List<String> workerRows(String printed) {
        List<String> rows = new ArrayList<>();
        boolean in = false;
        for (String line : printed.lines().toList()) {
            if (line.strip().startsWith("worker") && line.contains("agent")) {
                in = true;
            } else if (in && line.strip().matches("\\d+ .*")) {
                rows.add(line);
            } else if (in) {
                break;
            }
        }
        assertThat(rows).isNotEmpty();
        return rows;
    }

    /** Mounts a 256 KiB tmpfs, too small for one checkpoint; false where this machine allows no mount. */
    private static boolean mountTinyTmpfs(Path dir) throws Exception {
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        return mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
    }

    private static void awaitFile(Path dir, Process gantry) throws InterruptedException {
        while (gantry.isAlive() && !hasCheckpoint(dir)) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(gantry.isAlive()).as("the job is still training after its first checkpoint").isTrue();
    }

    private static boolean hasCheckpoint(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(p -> p.getFileName().toString().matches("step-\\d+"));
        } catch (IOException e) {
            return false;
        }
    }

    /** An executor JVM of this run, by its command line (the JDK hides arguments past 4 KiB). */
    private static Optional<ProcessHandle> executorOf(Process gantry, String executorId) {
        Pattern id = Pattern.compile("\u0000--executor-id\u0000" + Pattern.quote(executorId) + "\u0000");
        return gantry.descendants().filter(ProcessHandle::isAlive).filter(p -> {
            try {
                Matcher m = id.matcher(Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline"),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
                return m.find();
            } catch (IOException e) {
                return false;
            }
        }).findFirst();
    }
}
