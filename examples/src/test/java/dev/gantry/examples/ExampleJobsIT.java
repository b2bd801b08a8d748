package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example job, run as the README runs it: {@code ./gantry run examples/jobs/X.yaml} in its own
 * process, on the embedded cluster, to completion, with its model, metrics and report written and
 * the summary printed. Each must finish in under two minutes on 2 cores; the limit here is looser
 * because CI machines are shared.
 */
class ExampleJobsIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    static Stream<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("examples/jobs"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void runsToCompletionAndWritesModelMetricsAndReport(String example) throws Exception {
        Path output = temp.resolve("run");
        Path log = temp.resolve("gantry.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(ROOT.resolve("gantry").toString(), "run",
                "examples/jobs/" + example, "--set", "output.directory=" + output))
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GANTRY_"));
        Process gantry = builder.start();
        boolean ended = gantry.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            gantry.descendants().forEach(ProcessHandle::destroyForcibly);
            gantry.destroyForcibly();
        }
        String printed = Files.readString(log);
        assertThat(ended).as(printed).isTrue();
        assertThat(gantry.exitValue()).as(printed).isZero();

        assertThat(printed).contains("started an embedded cluster at mesos://127.0.0.1:", "placement (",
                "finished:", "report:");
        JsonNode metrics = JSON.readTree(output.resolve("metrics.json").toFile());
        JsonNode epochs = metrics.get("epochs");
        assertThat(epochs.size()).isPositive();
        assertThat(metrics.get("workerStats").size()).isEqualTo(metrics.get("workers").asInt());
        for (JsonNode worker : metrics.get("workerStats")) {
            assertThat(worker.get("samplesPerSecond").asDouble()).isPositive();
            assertThat(printed).contains("executor " + worker.get("executorId").asText() + " ");
        }
        JsonNode last = epochs.get(epochs.size() - 1);
        if (last.hasNonNull("accuracy") && !last.get("accuracy").asText().equals("NaN")) {
            assertThat(last.get("accuracy").asDouble()).as("validation accuracy of " + example).isGreaterThanOrEqualTo(0.9);
        }
        try (Stream<Path> model = Files.list(output.resolve("model"))) {
            assertThat(model.count()).isPositive();
        }
        assertThat(output.resolve("report.html")).isNotEmptyFile();
        assertThat(output.resolve("checkpoints")).isDirectory();
    }
}
