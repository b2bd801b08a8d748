package dev.gantry.training.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.Score;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.data.SyntheticClassification;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in networks learn the separable synthetic data, quickly, judged on held-out examples. */
class LearningTest {

    @Test
    void mlpReaches95PercentHeldOut() {
        SyntheticClassification data = SyntheticClassification.separable(20, 10, 5);
        try (WorkerModel model = Replicas.create(ModelSpec.mlp(20, List.of(32), 10), Optimizer.ADAM, 0.01, 1)) {
            // Timed from here: the first replica of a JVM also pays for loading TensorFlow's natives.
            long start = System.nanoTime();
            Score before = Replicas.heldOut(model, data, 2000);
            Replicas.train(model, data, 300, 32, 0);
            Score after = Replicas.heldOut(model, data, 2000);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("mlp: held-out accuracy %.4f -> %.4f in %d ms%n", before.accuracy(), after.accuracy(), took.toMillis());
            assertThat(before.accuracy()).isLessThan(0.5);
            assertThat(after.accuracy()).isGreaterThanOrEqualTo(0.95);
            assertThat(after.meanLoss()).isLessThan(before.meanLoss());
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void cnnLearnsSyntheticImages() {
        // 64 features seen as an 8x8 single-channel image, row by row.
        SyntheticClassification data = SyntheticClassification.separable(64, 10, 5);
        try (WorkerModel model = Replicas.create(ModelSpec.cnn(8, 8, 1, List.of(8), List.of(32), 10), Optimizer.ADAM, 0.01, 1)) {
            Replicas.train(model, data, 300, 32, 0);
            double accuracy = Replicas.heldOut(model, data, 2000).accuracy();
            System.out.printf("cnn: held-out accuracy %.4f%n", accuracy);
            assertThat(accuracy).isGreaterThanOrEqualTo(0.90);
        }
    }

    @Test
    void sgdAndMomentumLearnToo() {
        SyntheticClassification data = SyntheticClassification.separable(20, 10, 5);
        for (Optimizer optimizer : List.of(Optimizer.SGD, Optimizer.MOMENTUM)) {
            try (WorkerModel model = Replicas.create(ModelSpec.mlp(20, List.of(32), 10), optimizer, 0.05, 1)) {
                Replicas.train(model, data, 300, 32, 0);
                double accuracy = Replicas.heldOut(model, data, 2000).accuracy();
                System.out.printf("%s: held-out accuracy %.4f%n", optimizer, accuracy);
                assertThat(accuracy).as(optimizer.name()).isGreaterThanOrEqualTo(0.95);
            }
        }
    }
}
