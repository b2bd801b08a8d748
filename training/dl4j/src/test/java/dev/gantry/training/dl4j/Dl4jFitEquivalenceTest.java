package dev.gantry.training.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.ModelSteps;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.data.SyntheticClassification;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The split step (gradient out, update in) is DL4J's own fused {@code fit} step taken apart: the
 * same network fitted by DL4J on the same batches ends with the same parameters, bit for bit,
 * which covers the updater call, the step counter Adam's bias correction reads, and the mean.
 */
class Dl4jFitEquivalenceTest {
    private static final SyntheticClassification DATA = SyntheticClassification.separable(10, 3, 9);

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void gantryStepsEqualDl4jFit(Optimizer optimizer) {
        check(ModelSpec.mlp(10, List.of(8), 3), Inputs.Layout.FLAT, DATA, optimizer, optimizer == Optimizer.SGD ? 1 : 5);
    }

    @Test
    void cnnGantryStepsEqualDl4jFit() {
        check(ModelSpec.cnn(4, 4, 2, List.of(3), List.of(5), 3), Inputs.Layout.CHANNELS_LAST,
                SyntheticClassification.separable(32, 3, 4), Optimizer.ADAM, 3);
    }

    private static void check(ModelSpec spec, Inputs.Layout layout, SyntheticClassification data, Optimizer optimizer, int steps) {
        TrainSettings settings = new TrainSettings(optimizer, 0.05, 1);
        MultiLayerNetwork reference = new LayerStack(BuiltInModels.configuration(spec, Updaters.of(settings), 5)).network();
        Inputs inputs = new Inputs(spec.inputShape(), spec.classes(), layout);
        try (WorkerModel gantry = Replicas.BACKEND.create(spec, settings, 5, List.of())) {
            assertThat(ModelSteps.parameters(gantry)).containsExactly(reference.params().toFloatVector());
            for (int step = 0; step < steps; step++) {
                Batch batch = data.batch(step * 16L, 16);
                ModelSteps.step(gantry, batch);
                reference.fit(new DataSet(inputs.features(batch), inputs.labels(batch)));
            }
            // Bit for bit: the same ops in the same order as DL4J's fused step.
            assertThat(ModelSteps.parameters(gantry)).containsExactly(reference.params().toFloatVector());
            assertThat(reference.getIterationCount()).isEqualTo(steps);
        }
    }
}
