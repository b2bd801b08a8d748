package dev.gantry.training.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.ModelSteps;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.Score;
import dev.gantry.training.data.SyntheticClassification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TensorFlowWorker#applyGradients} leaves the update pending and the next gradient run
 * applies it (one session run per step). A fused replica must compute bit for bit what a replica
 * that applies every update in its own run computes, and anything that observes the model between
 * steps must see the update applied.
 */
class FusedStepTest {
    private static final int STEPS = 6;
    private static final int BATCH = 16;

    /** Every optimizer on a small MLP and a small CNN. */
    static Stream<Arguments> cases() {
        ModelSpec mlp = ModelSpec.mlp(20, List.of(16, 8), 10);
        ModelSpec cnn = ModelSpec.cnn(4, 5, 1, List.of(3), List.of(8), 10);
        return Stream.of(Optimizer.values()).flatMap(o -> Stream.of(Arguments.of(o, mlp), Arguments.of(o, cnn)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fusedStepsEqualUnfusedOnesBitForBit(Optimizer optimizer, ModelSpec spec) {
        SyntheticClassification data = SyntheticClassification.separable(20, 10, 5);
        try (TensorFlowWorker fused = Replicas.worker(spec, optimizer);
             TensorFlowWorker unfused = Replicas.worker(spec, optimizer)) {
            assertThat(fused.fusesSteps()).isTrue();
            int n = (int) fused.parameterCount();
            float[] fusedGradient = new float[n];
            float[] unfusedGradient = new float[n];
            float[] scratch = new float[n];
            for (int step = 0; step < STEPS; step++) {
                Batch batch = data.batch((long) step * BATCH, BATCH);
                float fusedLoss = fused.computeGradients(batch, fusedGradient);
                assertThat(fused.updatePending()).isFalse();
                float unfusedLoss = unfused.computeGradients(batch, unfusedGradient);
                assertThat(fusedLoss).as("loss at step %d", step).isEqualTo(unfusedLoss);
                assertThat(fusedGradient).as("gradient at step %d", step).containsExactly(unfusedGradient);

                fused.applyGradients(fusedGradient);
                assertThat(fused.updatePending()).isTrue();
                unfused.applyGradients(unfusedGradient);
                // Reading flushes: the next gradient run of this replica is a plain one.
                unfused.readParameters(scratch);
                assertThat(unfused.updatePending()).isFalse();
            }
            // The last update is still pending in the fused replica; reading applies it.
            float[] unfusedParameters = ModelSteps.parameters(unfused);
            assertThat(ModelSteps.parameters(fused)).containsExactly(unfusedParameters);
            assertThat(fused.updatePending()).isFalse();
            try (TensorFlowWorker untrained = Replicas.worker(spec, optimizer)) {
                assertThat(unfusedParameters).as("training moved the parameters").isNotEqualTo(ModelSteps.parameters(untrained));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyObserverSeesThePendingUpdate(Optimizer optimizer, ModelSpec spec) throws IOException {
        SyntheticClassification data = SyntheticClassification.separable(20, 10, 6);
        Batch held = data.batch(Replicas.HELD_OUT, 32);
        try (TensorFlowWorker lazy = Replicas.worker(spec, optimizer);
             TensorFlowWorker eager = Replicas.worker(spec, optimizer)) {
            int n = (int) lazy.parameterCount();
            float[] gradient = new float[n];
            float[] eagerGradient = new float[n];
            int observer = 0;
            for (int step = 0; step < 7; step++) {
                Batch batch = data.batch((long) step * BATCH, BATCH);
                lazy.computeGradients(batch, gradient);
                eager.computeGradients(batch, eagerGradient);
                assertThat(gradient).containsExactly(eagerGradient);
                lazy.applyGradients(gradient);
                eager.applyGradients(eagerGradient);
                eager.readParameters(new float[n]);
                // Each step, another way of looking at the lazy replica with its update pending.
                switch (observer++ % 7) {
                    case 0 -> assertThat(ModelSteps.parameters(lazy)).containsExactly(ModelSteps.parameters(eager));
                    case 1 -> {
                        Score a = lazy.evaluate(held);
                        Score b = eager.evaluate(held);
                        assertThat(a.meanLoss()).isEqualTo(b.meanLoss());
                        assertThat(a.correct()).isEqualTo(b.correct());
                    }
                    case 2 -> assertThat(lazy.predict(held.features(), held.size()))
                            .containsExactly(eager.predict(held.features(), held.size()));
                    case 3 -> assertThat(checkpoint(lazy)).isEqualTo(checkpoint(eager));
                    case 4 -> {
                        // Writing the parameters keeps the optimizer state the pending update advanced.
                        float[] same = ModelSteps.parameters(eager);
                        lazy.writeParameters(same);
                        eager.writeParameters(same);
                    }
                    case 5 -> {
                        // Two updates in a row: the first runs before the second is kept.
                        lazy.applyGradients(gradient);
                        eager.applyGradients(eagerGradient);
                        eager.readParameters(new float[n]);
                    }
                    default -> {
                        // No observer: the next gradient run applies the update.
                    }
                }
                assertThat(lazy.updatePending()).isEqualTo(observer % 7 == 6 || observer % 7 == 0);
            }
            assertThat(checkpoint(lazy)).isEqualTo(checkpoint(eager));
        }
    }

    private static byte[] checkpoint(TensorFlowWorker worker) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        worker.writeCheckpoint(out);
        return out.toByteArray();
    }
}
