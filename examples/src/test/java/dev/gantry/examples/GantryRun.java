package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** {@code ./gantry run examples/jobs/X.yaml} in its own process, as a person runs it, and checks of what it leaves. */
final class GantryRun {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private GantryRun() {}

    /** How a run ended: its exit code and everything it printed. */
    record Ended(int exit, String printed) {}

    /** Runs the example to its end (killed after five minutes) and returns what it printed; fails unless it exits 0. */
    static String run(String example, Path output, Path log, String... extraArgs) throws Exception {
        Ended ended = attempt(example, output, log, extraArgs);
        assertThat(ended.exit()).as(ended.printed()).isZero();
        return ended.printed();
    }

    /** Runs the example to its end (killed after five minutes), whatever its exit code. */
    static Ended attempt(String example, Path output, Path log, String... extraArgs) throws Exception {
        Process gantry = start(example, output, log, extraArgs);
        boolean ended = gantry.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            gantry.descendants().forEach(ProcessHandle::destroyForcibly);
            gantry.destroyForcibly();
        }
        String printed = Files.readString(log);
        assertThat(ended).as(printed).isTrue();
        return new Ended(gantry.exitValue(), printed);
    }

    /** Starts the example, its output (stdout and stderr) going to {@code log}. */
    static Process start(String example, Path output, Path log, String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("gantry").toString(), "run",
                "examples/jobs/" + example, "--set", "output.directory=" + output));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GANTRY_"));
        return builder.start();
    }

    /**
     * The model, metrics and report are there, every worker trained, and the last validation
     * accuracy (where the example validates) is at least 90%; returns that accuracy, or NaN.
     */
    static double checkOutputs(String example, Path output, String printed) throws Exception {
        assertThat(printed).contains("placement (", "finished:", "report:");
        JsonNode metrics = JSON.readTree(output.resolve("metrics.json").toFile());
        JsonNode epochs = metrics.get("epochs");
        assertThat(epochs.size()).isPositive();
        assertThat(metrics.get("workerStats").size()).isEqualTo(metrics.get("workers").asInt());
        for (JsonNode worker : metrics.get("workerStats")) {
            assertThat(worker.get("samplesPerSecond").asDouble()).isPositive();
            assertThat(printed).contains("executor " + worker.get("executorId").asText() + " ");
        }
        try (Stream<Path> model = Files.list(output.resolve("model"))) {
            assertThat(model.count()).isPositive();
        }
        assertThat(output.resolve("report.html")).isNotEmptyFile();
        assertThat(output.resolve("checkpoints")).isDirectory();
        JsonNode last = epochs.get(epochs.size() - 1);
        if (!last.hasNonNull("accuracy") || last.get("accuracy").asText().equals("NaN")) {
            return Double.NaN;
        }
        double accuracy = last.get("accuracy").asDouble();
        assertThat(accuracy).as("validation accuracy of " + example).isGreaterThanOrEqualTo(0.9);
        return accuracy;
    }
}
