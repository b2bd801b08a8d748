package dev.gantry.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.backend.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The job specs in examples/jobs read, and are the small jobs their comments promise. How well
 * and how fast they train is shown by the backends' scenario tests, which run these files.
 */
class ExampleJobsTest {
    // Surefire runs in the module's directory.
    private static final Path JOBS = Path.of("..", "..", "examples", "jobs");

    @Test
    void everyExampleReadsAndRunsOnTwoCores() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(JOBS)) {
            files = listed.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("digits-tensorflow-mlp.yaml", "digits-dl4j-cnn.yaml", "synthetic-throughput.yaml");
        for (Path file : files) {
            JobSpec spec = new JobSpecReader().read(file);
            assertThat(spec.name()).as("%s names its job after the file", file).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
            assertThat(spec.resources().workers() * spec.resources().cpusPerWorker()).as(file.toString()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void tensorflowMlpOnDigits() {
        JobSpec spec = new JobSpecReader().read(JOBS.resolve("digits-tensorflow-mlp.yaml"));

        assertThat(spec.framework()).isEqualTo(Framework.TENSORFLOW);
        assertThat(spec.toTrainingJob().model()).isEqualTo(ModelSpec.mlp(784, List.of(128), 10));
        assertThat(spec.toDataSpec().format()).isEqualTo("digits");
        assertHeldOut(spec);
        assertThat(spec.resources().gpusPerWorker()).isEqualTo(1);
        // At about 10000 samples/s for two CPU workers, a few seconds of training.
        assertTrainsAtMost(spec, 60_000);
    }

    @Test
    void dl4jCnnOnDigits() {
        JobSpec spec = new JobSpecReader().read(JOBS.resolve("digits-dl4j-cnn.yaml"));

        assertThat(spec.framework()).isEqualTo(Framework.DL4J);
        assertThat(spec.toTrainingJob().model()).isEqualTo(ModelSpec.cnn(28, 28, 1, List.of(8, 16), List.of(64), 10));
        assertThat(spec.toDataSpec().format()).isEqualTo("digits");
        assertHeldOut(spec);
        assertThat(spec.resources().gpusPerWorker()).isZero();
        // At a few hundred samples/s for two CPU workers, well under a minute and a half.
        assertTrainsAtMost(spec, 15_000);
    }

    @Test
    void throughputOnSyntheticData() {
        JobSpec spec = new JobSpecReader().read(JOBS.resolve("synthetic-throughput.yaml"));

        assertThat(spec.toDataSpec().format()).isEqualTo("synthetic");
        assertThat(spec.training().epochs()).isEqualTo(1);
        assertThat(spec.validationDataSpec()).isEmpty();
        int examples = Integer.parseInt(spec.toDataSpec().option("examples", "10000"));
        assertThat(examples % spec.training().batchSize()).as("every example trained on once").isZero();
        assertTrainsAtMost(spec, 60_000);
    }

    /** Validation examples from far past the training ones, so accuracy is measured on digits never trained on. */
    private static void assertHeldOut(JobSpec spec) {
        int examples = Integer.parseInt(spec.toDataSpec().option("examples", "10000"));
        long offset = Long.parseLong(spec.validationDataSpec().orElseThrow().option("offset", "0"));
        assertThat(offset).isGreaterThanOrEqualTo(examples);
        assertThat(spec.validationDataSpec().orElseThrow().option("seed", spec.toDataSpec().option("seed", "7")))
                .isEqualTo(spec.toDataSpec().option("seed", "7"));
    }

    /** Examples times epochs: what keeps a job within two minutes on two cores. */
    private static void assertTrainsAtMost(JobSpec spec, int samples) {
        int examples = Integer.parseInt(spec.toDataSpec().option("examples", "10000"));
        assertThat(examples * spec.training().epochs()).isLessThanOrEqualTo(samples);
    }
}
