package dev.gantry.training.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.ModelSteps;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.data.SyntheticClassification;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gantry's promise for synchronous data parallelism: two workers that each take half of a batch
 * and apply the averaged gradient compute what one worker does with the whole batch.
 */
class DataParallelEquivalenceTest {
    private static final int BATCH = 32;
    private static final int STEPS = 6;

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void twoHalvesMatchTheWholeBatch(Optimizer optimizer) {
        ModelSpec spec = ModelSpec.mlp(20, List.of(16), 10);
        SyntheticClassification data = SyntheticClassification.separable(20, 10, 3);
        double rate = optimizer == Optimizer.ADAM ? 0.01 : 0.1;
        try (WorkerModel first = Replicas.create(spec, optimizer, rate, 42);
             WorkerModel second = Replicas.create(spec, optimizer, rate, 42);
             WorkerModel whole = Replicas.create(spec, optimizer, rate, 42)) {
            int n = (int) first.parameterCount();
            float[] a = new float[n];
            float[] b = new float[n];
            float[] average = new float[n];
            for (int step = 0; step < STEPS; step++) {
                long start = (long) step * BATCH;
                first.computeGradients(data.batch(start, BATCH / 2), a);
                second.computeGradients(data.batch(start + BATCH / 2, BATCH / 2), b);
                for (int i = 0; i < n; i++) {
                    average[i] = (a[i] + b[i]) / 2;
                }
                first.applyGradients(average);
                second.applyGradients(average);
                Batch all = data.batch(start, BATCH);
                ModelSteps.step(whole, all);
            }
            float[] one = ModelSteps.parameters(first);
            assertThat(ModelSteps.parameters(second)).as("replicas applying the same update stay bit-equal").containsExactly(one);
            float[] reference = ModelSteps.parameters(whole);
            assertThat(one).as("two half batches versus one whole batch").containsExactly(reference, within(2e-5f));
            assertThat(one).as("training moved the parameters").isNotEqualTo(ModelSteps.parameters(
                    Replicas.create(spec, optimizer, rate, 42)));
        }
    }
}
