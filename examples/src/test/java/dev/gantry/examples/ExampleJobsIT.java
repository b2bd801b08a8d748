package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    @TempDir
    Path temp;

    static Stream<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(GantryRun.ROOT.resolve("examples/jobs"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void runsToCompletionAndWritesModelMetricsAndReport(String example) throws Exception {
        Path output = temp.resolve("run");
        String printed = GantryRun.run(example, output, temp.resolve("gantry.log"));
        assertThat(printed).contains("started an embedded cluster at mesos://127.0.0.1:");
        GantryRun.checkOutputs(example, output, printed);
    }
}
