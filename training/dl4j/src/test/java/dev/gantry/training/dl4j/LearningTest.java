package dev.gantry.training.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.ModelSteps;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.data.SyntheticClassification;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in models learn the synthetic task, judged on examples they never trained on. */
class LearningTest {
    private static final int BATCH = 64;
    private static final long HELD_OUT = 1_000_000;

    @Test
    void mlpReaches95PercentHeldOut() {
        SyntheticClassification data = SyntheticClassification.separable(20, 10, 1);
        try (WorkerModel model = Replicas.create(ModelSpec.mlp(20, List.of(64), 10), Optimizer.ADAM, 0.01, 1)) {
            double before = Replicas.accuracy(model, data, HELD_OUT, 1000);
            train(model, data, 150);
            assertThat(before).isLessThan(0.5);
            assertThat(Replicas.accuracy(model, data, HELD_OUT, 1000)).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void cnnReaches90PercentHeldOut() {
        SyntheticClassification data = SyntheticClassification.separable(8 * 8, 10, 2);
        try (WorkerModel model = Replicas.create(ModelSpec.cnn(8, 8, 1, List.of(8), List.of(32), 10), Optimizer.ADAM, 0.01, 2)) {
            train(model, data, 150);
            assertThat(Replicas.accuracy(model, data, HELD_OUT, 1000)).isGreaterThanOrEqualTo(0.90);
        }
    }

    @Test
    void sgdAndMomentumLearnToo() {
        SyntheticClassification data = SyntheticClassification.separable(20, 10, 3);
        for (Optimizer optimizer : List.of(Optimizer.SGD, Optimizer.MOMENTUM)) {
            try (WorkerModel model = Replicas.create(ModelSpec.mlp(20, List.of(64), 10), optimizer, 0.05, 3)) {
                train(model, data, 150);
                assertThat(Replicas.accuracy(model, data, HELD_OUT, 1000)).as("%s", optimizer).isGreaterThanOrEqualTo(0.95);
            }
        }
    }

    private static void train(WorkerModel model, SyntheticClassification data, int steps) {
        for (int step = 0; step < steps; step++) {
            ModelSteps.step(model, data.batch((long) step * BATCH, BATCH));
        }
    }
}
