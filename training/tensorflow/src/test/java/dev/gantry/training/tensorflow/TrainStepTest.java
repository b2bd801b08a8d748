package dev.gantry.training.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.ModelSteps;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.data.SyntheticClassification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TensorFlowWorker#trainStep} takes the step in one run, the update fed by the graph's own
 * gradient. It must compute bit for bit what the exchange path (gradient out, same gradient
 * back in) computes, whichever path the steps before it took: otherwise a one-worker job would
 * not train as the same job on several workers does.
 */
class TrainStepTest {
    private static final int STEPS = 6;
    private static final int BATCH = 16;

    @ParameterizedTest
    @MethodSource("dev.gantry.training.tensorflow.FusedStepTest#cases")
    void trainStepsEqualExchangedStepsBitForBit(Optimizer optimizer, ModelSpec spec) {
        try (TensorFlowWorker whole = Replicas.worker(spec, optimizer);
             TensorFlowWorker exchanged = Replicas.worker(spec, optimizer);
             TensorFlowWorker mixed = Replicas.worker(spec, optimizer)) {
            assertSameTraining(whole, exchanged, mixed);
            try (TensorFlowWorker untrained = Replicas.worker(spec, optimizer)) {
                assertThat(ModelSteps.parameters(whole)).as("training moved the parameters")
                        .isNotEqualTo(ModelSteps.parameters(untrained));
            }
        }
    }

    /** A user's graph has no fused step: its exchanged updates run on their own, its train steps do not. */
    @Test
    void userGraphTrainStepsEqualExchangedSteps(@TempDir Path tmp) throws IOException {
        ModelSpec spec = HandBuiltSavedModel.writeSpec(Files.createDirectory(tmp.resolve("source")), 20, 10);
        try (TensorFlowWorker whole = Replicas.worker(spec, Optimizer.MOMENTUM);
             TensorFlowWorker exchanged = Replicas.worker(spec, Optimizer.MOMENTUM);
             TensorFlowWorker mixed = Replicas.worker(spec, Optimizer.MOMENTUM)) {
            assertThat(whole.fusesSteps()).isFalse();
            float[] before = ModelSteps.parameters(whole);
            assertSameTraining(whole, exchanged, mixed);
            assertThat(ModelSteps.parameters(whole)).as("training moved the parameters").isNotEqualTo(before);
        }
    }

    /**
     * {@code whole} takes every step with trainStep, {@code exchanged} with computeGradients and
     * applyGradients, {@code mixed} alternates, so its train steps start with an update pending.
     */
    private static void assertSameTraining(TensorFlowWorker whole, TensorFlowWorker exchanged, TensorFlowWorker mixed) {
        SyntheticClassification data = SyntheticClassification.separable(20, 10, 5);
        int n = (int) whole.parameterCount();
        float[] gradient = new float[n];
        float[] mixedGradient = new float[n];
        float[] scratch = new float[n];
        for (int step = 0; step < STEPS; step++) {
            Batch batch = data.batch((long) step * BATCH, BATCH);
            float wholeLoss = whole.trainStep(batch, scratch);
            assertThat(whole.updatePending()).isFalse();
            float exchangedLoss = exchanged.computeGradients(batch, gradient);
            exchanged.applyGradients(gradient);
            float mixedLoss;
            if (step % 2 == 0) {
                mixedLoss = mixed.computeGradients(batch, mixedGradient);
                mixed.applyGradients(mixedGradient);
            } else {
                assertThat(mixed.updatePending()).isTrue();
                mixedLoss = mixed.trainStep(batch, scratch);
            }
            assertThat(wholeLoss).as("loss at step %d", step).isEqualTo(exchangedLoss).isEqualTo(mixedLoss);
        }
        float[] expected = ModelSteps.parameters(exchanged);
        assertThat(ModelSteps.parameters(whole)).containsExactly(expected);
        assertThat(ModelSteps.parameters(mixed)).containsExactly(expected);
    }
}
