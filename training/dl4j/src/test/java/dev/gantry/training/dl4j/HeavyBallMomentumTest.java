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
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Nesterovs;

/** MOMENTUM is heavy ball, {@code v = 0.9 v - lr g; w += v}, not DL4J's Nesterov look-ahead. */
class HeavyBallMomentumTest {
    private static final double RATE = 0.1;

    @Test
    void stepsFollowTheHeavyBallRule() {
        SyntheticClassification data = SyntheticClassification.separable(6, 3, 2);
        try (WorkerModel model = Replicas.create(ModelSpec.mlp(6, List.of(5), 3), Optimizer.MOMENTUM, RATE, 3)) {
            int n = (int) model.parameterCount();
            double[] w = toDouble(ModelSteps.parameters(model));
            double[] v = new double[n];
            float[] g = new float[n];
            for (int step = 0; step < 4; step++) {
                Batch batch = data.batch(step * 8L, 8);
                model.computeGradients(batch, g);
                model.applyGradients(g);
                for (int i = 0; i < n; i++) {
                    v[i] = 0.9 * v[i] - RATE * g[i];
                    w[i] += v[i];
                }
                float[] actual = ModelSteps.parameters(model);
                for (int i = 0; i < n; i++) {
                    assertThat((double) actual[i]).as("step %d parameter %d", step, i).isCloseTo(w[i], offset(1e-6));
                }
            }
        }
    }

    @Test
    void dl4jNesterovsWouldMoveFurther() {
        // Nesterov's look-ahead form moves (1 + momentum) times as far on the first step: one reason
        // DL4J's own updater cannot stand in for MOMENTUM.
        SyntheticClassification data = SyntheticClassification.separable(6, 3, 2);
        ModelSpec spec = ModelSpec.mlp(6, List.of(5), 3);
        try (WorkerModel heavy = Replicas.create(spec, Optimizer.MOMENTUM, RATE, 3);
             Dl4jWorkerModel nesterov = new Dl4jWorkerModel(
                     new LayerStack(BuiltInModels.configuration(spec, new Nesterovs(RATE, 0.9), 3)),
                     new Inputs(new int[] {6}, 3, Inputs.Layout.FLAT), DevicePin.none())) {
            float[] start = ModelSteps.parameters(heavy);
            ModelSteps.step(heavy, data.batch(0, 8));
            ModelSteps.step(nesterov, data.batch(0, 8));
            float[] h = ModelSteps.parameters(heavy);
            float[] n = ModelSteps.parameters(nesterov);
            for (int i = 0; i < start.length; i++) {
                assertThat((double) n[i] - start[i]).isCloseTo(1.9 * (h[i] - start[i]), offset(1e-6));
            }
        }
    }

    @Test
    void configurationSurvivesDl4jJson() {
        MultiLayerConfiguration configuration = BuiltInModels.configuration(ModelSpec.mlp(6, List.of(5), 3),
                new HeavyBallMomentum(0.25, 0.9), 3);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(configuration.toJson());
        assertThat(((BaseLayer) back.getConf(0).getLayer()).getIUpdater()).isEqualTo(new HeavyBallMomentum(0.25, 0.9));
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
