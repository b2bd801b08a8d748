package dev.gantry.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.backend.ModelSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The job specs in examples/jobs read, and are the small jobs their comments promise. */
class ExampleJobsTest {
    // Surefire runs in the module's directory.
    private static final Path JOBS = Path.of("..", "examples", "jobs");

    @Test
    void tensorflowMlpOnSyntheticDigits() {
        JobSpec spec = new JobSpecReader().read(JOBS.resolve("tensorflow-mlp.yaml"));

        assertThat(spec.framework()).isEqualTo(Framework.TENSORFLOW);
        assertThat(spec.toTrainingJob().model()).isEqualTo(ModelSpec.mlp(784, java.util.List.of(128), 10));
        assertThat(spec.toDataSpec().format()).isEqualTo("synthetic");
        assertThat(spec.validationDataSpec()).isPresent();
        assertThat(spec.resources().gpusPerWorker()).isEqualTo(1);
        assertSmall(spec);
    }

    @Test
    void dl4jCnnOnSyntheticImages() {
        JobSpec spec = new JobSpecReader().read(JOBS.resolve("dl4j-cnn.yaml"));

        assertThat(spec.framework()).isEqualTo(Framework.DL4J);
        assertThat(spec.toTrainingJob().model().kind()).isEqualTo(ModelSpec.Kind.CNN);
        assertThat(spec.toTrainingJob().model().featureCount()).isEqualTo(28 * 28);
        assertThat(spec.toDataSpec().format()).isEqualTo("synthetic");
        assertThat(spec.resources().gpusPerWorker()).isZero();
        assertSmall(spec);
    }

    /** Few enough examples and epochs to train in well under two minutes on two cores. */
    private static void assertSmall(JobSpec spec) {
        int examples = Integer.parseInt(spec.toDataSpec().option("examples", "10000"));
        assertThat(examples * spec.training().epochs()).isLessThanOrEqualTo(20_000);
        assertThat(spec.resources().workers() * spec.resources().cpusPerWorker()).isLessThanOrEqualTo(2);
    }
}
