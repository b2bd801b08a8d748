package dev.gantry.training.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

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
 * Synchronous data parallelism's promise for this backend: two workers that each take half of a
 * batch, average their gradients and apply the average compute what one worker with the whole
 * batch computes.
 */
class DataParallelEquivalenceTest {
    private static final SyntheticClassification DATA = SyntheticClassification.separable(12, 4, 3);
    private static final int BATCH = 32;
    private static final int STEPS = 8;

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void twoHalfBatchWorkersMatchOneWholeBatchWorker(Optimizer optimizer) {
        ModelSpec spec = ModelSpec.mlp(12, List.of(16, 8), 4);
        double rate = optimizer == Optimizer.ADAM ? 0.01 : 0.1;
        try (WorkerModel first = Replicas.create(spec, optimizer, rate, 7);
             WorkerModel second = Replicas.create(spec, optimizer, rate, 7);
             WorkerModel whole = Replicas.create(spec, optimizer, rate, 7)) {
            assertThat(ModelSteps.parameters(second)).containsExactly(ModelSteps.parameters(first));
            assertThat(ModelSteps.parameters(whole)).containsExactly(ModelSteps.parameters(first));
            int n = (int) whole.parameterCount();
            float[] a = new float[n];
            float[] b = new float[n];
            for (int step = 0; step < STEPS; step++) {
                Batch batch = DATA.batch((long) step * BATCH, BATCH);
                first.computeGradients(Replicas.slice(batch, 0, BATCH / 2), a);
                second.computeGradients(Replicas.slice(batch, BATCH / 2, BATCH / 2), b);
                for (int i = 0; i < n; i++) {
                    a[i] = (a[i] + b[i]) / 2;
                }
                first.applyGradients(a);
                second.applyGradients(a);
                ModelSteps.step(whole, batch);
            }
            float[] parallel = ModelSteps.parameters(first);
            assertThat(ModelSteps.parameters(second)).containsExactly(parallel);
            // Only summation order differs (two half sums and an average versus one sum): seen 1e-7.
            assertThat(parallel).containsExactly(ModelSteps.parameters(whole), offset(1e-6f));
            assertThat(parallel).isNotEqualTo(ModelSteps.parameters(Replicas.create(spec, optimizer, rate, 7)));
        }
    }
}
