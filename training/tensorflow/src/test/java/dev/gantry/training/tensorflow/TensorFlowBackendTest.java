package dev.gantry.training.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gantry.training.backend.Backends;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.ModelSteps;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.data.SyntheticClassification;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

class TensorFlowBackendTest {

    @Test
    void foundThroughTheServiceLoader() {
        assertThat(Backends.find("tensorflow")).isInstanceOf(TensorFlowBackend.class);
    }

    @Test
    void builtInParameterCountsFollowTheSpec() {
        try (WorkerModel mlp = Replicas.create(ModelSpec.mlp(784, List.of(256, 128), 10), Optimizer.SGD, 0.1, 1);
             WorkerModel cnn = Replicas.create(ModelSpec.cnn(8, 8, 1, List.of(8, 16), List.of(32), 10), Optimizer.SGD, 0.1, 1)) {
            assertThat(mlp.parameterCount()).isEqualTo(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10);
            // Two 3x3 same convolutions, each followed by 2x2 pooling: 8x8 -> 4x4 -> 2x2 with 16 channels.
            assertThat(cnn.parameterCount()).isEqualTo(
                    (9 * 1 * 8 + 8) + (9 * 8 * 16 + 16) + (2 * 2 * 16 * 32 + 32) + (32 * 10 + 10));
        }
    }

    @Test
    void equalSeedsGiveEqualReplicasAndGlorotScale() {
        ModelSpec spec = ModelSpec.mlp(20, List.of(30), 10);
        try (WorkerModel a = Replicas.create(spec, Optimizer.ADAM, 0.1, 5);
             WorkerModel b = Replicas.create(spec, Optimizer.SGD, 0.1, 5);
             WorkerModel c = Replicas.create(spec, Optimizer.ADAM, 0.1, 6)) {
            float[] parameters = ModelSteps.parameters(a);
            assertThat(ModelSteps.parameters(b)).containsExactly(parameters);
            assertThat(ModelSteps.parameters(c)).isNotEqualTo(parameters);
            double limit = Math.sqrt(6.0 / (20 + 30));
            for (int i = 0; i < 20 * 30; i++) {
                assertThat((double) Math.abs(parameters[i])).isLessThanOrEqualTo(limit);
            }
            for (int i = 20 * 30; i < 20 * 30 + 30; i++) {
                assertThat(parameters[i]).as("bias").isZero();
            }
        }
    }

    @Test
    void parametersRoundTripAndPredictionsAreProbabilities() {
        ModelSpec spec = ModelSpec.mlp(20, List.of(8), 10);
        try (WorkerModel model = Replicas.create(spec, Optimizer.SGD, 0.1, 5)) {
            float[] values = new float[(int) model.parameterCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = i * 1e-3f - 0.1f;
            }
            model.writeParameters(values);
            assertThat(ModelSteps.parameters(model)).containsExactly(values);

            float[] probabilities = model.predict(SyntheticClassification.separable(20, 10, 1).batch(0, 3).features(), 3);
            assertThat(probabilities).hasSize(30);
            for (int row = 0; row < 3; row++) {
                double sum = 0;
                for (int k = 0; k < 10; k++) {
                    sum += probabilities[row * 10 + k];
                }
                assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void updatesFollowTheOptimizersDefinitions() {
        ModelSpec spec = ModelSpec.mlp(3, List.of(), 2);
        float rate = 0.1f;
        try (WorkerModel sgd = Replicas.create(spec, Optimizer.SGD, rate, 1);
             WorkerModel momentum = Replicas.create(spec, Optimizer.MOMENTUM, rate, 1);
             WorkerModel adam = Replicas.create(spec, Optimizer.ADAM, rate, 1)) {
            float[] start = ModelSteps.parameters(sgd);
            float[] gradient = new float[start.length];
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] = (i % 3 - 1) * 0.5f + 0.1f * i;
            }
            for (WorkerModel model : List.of(sgd, momentum, adam)) {
                model.applyGradients(gradient);
                // The feed tensor is refilled for the second step: the variables must not share it.
                model.applyGradients(gradient);
            }
            float[] expectSgd = new float[start.length];
            float[] expectMomentum = new float[start.length];
            float[] expectAdam = new float[start.length];
            for (int i = 0; i < start.length; i++) {
                double g = gradient[i];
                expectSgd[i] = (float) (start[i] - 2 * rate * g);
                // Heavy ball: v1 = g, v2 = 0.9 g + g.
                expectMomentum[i] = (float) (start[i] - rate * g - rate * (0.9 * g + g));
                double p = start[i];
                double m = 0;
                double v = 0;
                for (int t = 1; t <= 2; t++) {
                    m = 0.9 * m + 0.1 * g;
                    v = 0.999 * v + 0.001 * g * g;
                    double stepRate = rate * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
                    p -= stepRate * m / (Math.sqrt(v) + 1e-7);
                }
                expectAdam[i] = (float) p;
            }
            assertThat(ModelSteps.parameters(sgd)).containsExactly(expectSgd, within(1e-6f));
            assertThat(ModelSteps.parameters(momentum)).containsExactly(expectMomentum, within(1e-6f));
            assertThat(ModelSteps.parameters(adam)).containsExactly(expectAdam, within(1e-5f));
        }
    }

    @Test
    void gpuListSetsVisibleDevicesAndStillRunsOnCpu() {
        ConfigProto config = SessionConfig.of(2, List.of(1, 3));
        assertThat(config.getGpuOptions().getVisibleDeviceList()).isEqualTo("1,3");
        assertThat(config.getGpuOptions().getAllowGrowth()).isTrue();
        assertThat(config.getIntraOpParallelismThreads()).isEqualTo(2);
        assertThat(config.getInterOpParallelismThreads()).isEqualTo(2);
        assertThat(SessionConfig.of(0, List.of()).hasGpuOptions()).isFalse();

        // With the CPU native library the GPU options must simply not get in the way.
        try (WorkerModel model = Replicas.BACKEND.create(ModelSpec.mlp(20, List.of(8), 10),
                new TrainSettings(Optimizer.SGD, 0.1, 0), 1, List.of(0))) {
            ModelSteps.step(model, SyntheticClassification.separable(20, 10, 1).batch(0, 8));
        }
    }
}
