package dev.gantry.training.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.job.JobSpec;
import dev.gantry.job.JobSpecReader;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.scenarios.TimedLocalRun;
import dev.gantry.training.scenarios.TrainingScenarios;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training scenarios on local Spark with Deeplearning4j computing, and the DL4J example job. */
class Dl4jTrainingIT extends TrainingScenarios {
    // Failsafe runs in the module's directory.
    private static final Path EXAMPLES = Path.of("..", "..", "examples", "jobs");

    @Override
    protected String framework() {
        return "dl4j";
    }

    /** The example job as written: two workers on a ring, a CNN with 8 and 16 filters and a dense 64, generated digits. */
    @Test
    void theDigitsCnnExampleReadsNinetyFivePercentOfHeldOutDigits() {
        JobSpec spec = new JobSpecReader().read(EXAMPLES.resolve("digits-dl4j-cnn.yaml"),
                List.of("output.directory=" + output.resolve("digits-dl4j-cnn")));
        assertThat(spec.toTrainingJob().model()).isEqualTo(ModelSpec.cnn(28, 28, 1, List.of(8, 16), List.of(64), 10));
        assertThat(spec.toDataSpec().format()).isEqualTo("digits");

        TimedLocalRun timed = TimedLocalRun.train(spec.toTrainingJob(), spec.toDataSpec(), spec.validationDataSpec().orElseThrow());

        assertThat(timed.run().workers()).isEqualTo(2);
        assertThat(timed.run().last().accuracy()).isGreaterThanOrEqualTo(0.95);
    }
}
