package dev.gantry.benchmarks.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.data.SyntheticClassification;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every side of the benchmark really trains the same kind of model: their loss falls alike. */
class BothLoopsLearnTest {

    @Test
    void plainLoopAndBothGantrySidesReduceTheLoss() {
        SyntheticClassification data = SyntheticClassification.separable(20, 10, 1);
        try (TrainingLoop plain = new PlainTensorFlowLoop(20, List.of(16), 10, 0.1f, 1, 7);
             TrainingLoop worker = new GantryWorkerLoop(ModelSpec.mlp(20, List.of(16), 10), 0.1f, 1, 7, 64);
             TrainingLoop exchange = new GantryExchangeLoop(ModelSpec.mlp(20, List.of(16), 10), 0.1f, 1, 7)) {
            for (TrainingLoop loop : List.of(plain, worker, exchange)) {
                float first = loop.step(data.batch(0, 64));
                float last = first;
                for (int s = 1; s < 100; s++) {
                    Batch batch = data.batch((long) s * 64, 64);
                    last = loop.step(batch);
                }
                assertThat(last).as(loop.name()).isLessThan(first / 4);
            }
        }
    }
}
