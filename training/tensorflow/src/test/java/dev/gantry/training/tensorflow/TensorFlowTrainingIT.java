package dev.gantry.training.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.job.JobSpec;
import dev.gantry.job.JobSpecReader;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.scenarios.TimedLocalRun;
import dev.gantry.training.scenarios.TrainingScenarios;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training scenarios on local Spark with TensorFlow computing, and the TensorFlow example jobs. */
class TensorFlowTrainingIT extends TrainingScenarios {
    // Failsafe runs in the module's directory.
    private static final Path EXAMPLES = Path.of("..", "..", "examples", "jobs");

    @Override
    protected String framework() {
        return "tensorflow";
    }

    private JobSpec example(String file) {
        return new JobSpecReader().read(EXAMPLES.resolve(file), List.of("output.directory=" + output.resolve(file)));
    }

    /** The example job as written: two workers on a ring, an MLP 784 -> 128 -> 10, generated digits. */
    @Test
    void theDigitsMlpExampleReadsNinetyFivePercentOfHeldOutDigits() {
        JobSpec spec = example("digits-tensorflow-mlp.yaml");
        assertThat(spec.toTrainingJob().model()).isEqualTo(ModelSpec.mlp(784, List.of(128), 10));
        assertThat(spec.toDataSpec().format()).isEqualTo("digits");

        TimedLocalRun timed = TimedLocalRun.train(spec.toTrainingJob(), spec.toDataSpec(), spec.validationDataSpec().orElseThrow());

        assertThat(timed.run().workers()).isEqualTo(2);
        assertThat(timed.run().last().accuracy()).isGreaterThanOrEqualTo(0.95);
    }

    /** One epoch over all the examples: what the job reports is a throughput, not a model. */
    @Test
    void theThroughputExampleTrainsOneEpochOverAllItsExamples() {
        JobSpec spec = example("synthetic-throughput.yaml");
        int examples = Integer.parseInt(spec.toDataSpec().option("examples", "0"));

        TimedLocalRun timed = TimedLocalRun.train(spec.toTrainingJob(), spec.toDataSpec(), null);

        assertThat(timed.run().epochs()).hasSize(1);
        assertThat(timed.run().steps()).isEqualTo(examples / spec.training().batchSize());
        assertThat(timed.run().last().samplesPerSecond()).isPositive();
    }
}
