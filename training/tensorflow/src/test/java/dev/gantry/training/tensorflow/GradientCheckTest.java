package dev.gantry.training.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.ModelSteps;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.data.SyntheticClassification;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flat gradient against central finite differences of the mean loss, for every parameter. */
class GradientCheckTest {

    @Test
    void mlpGradientMatchesFiniteDifferences() {
        ModelSpec spec = ModelSpec.mlp(4, List.of(5), 3);
        Batch batch = SyntheticClassification.separable(4, 3, 7).batch(0, 6);
        check(spec, batch);
    }

    @Test
    void cnnGradientMatchesFiniteDifferences() {
        ModelSpec spec = ModelSpec.cnn(4, 4, 1, List.of(2), List.of(4), 3);
        Batch batch = SyntheticClassification.separable(16, 3, 7).batch(0, 5);
        check(spec, batch);
    }

    private static void check(ModelSpec spec, Batch batch) {
        try (WorkerModel model = Replicas.create(spec, Optimizer.SGD, 0.1, 11)) {
            float[] parameters = ModelSteps.parameters(model);
            float[] gradients = new float[parameters.length];
            float loss = model.computeGradients(batch, gradients);

            assertThat(ModelSteps.parameters(model)).as("computeGradients leaves the model alone").containsExactly(parameters);
            assertThat((double) loss).isCloseTo(model.evaluate(batch).meanLoss(), org.assertj.core.data.Offset.offset(1e-6));

            // A float32 loss is exact to about 1e-7 of itself; a step of 1e-3 keeps the quotient's
            // rounding near 1e-4 and stays clear of most ReLU and max-pool kinks on these inputs.
            float h = 1e-3f;
            int mismatches = 0;
            for (int i = 0; i < parameters.length; i++) {
                float[] probe = parameters.clone();
                probe[i] = parameters[i] + h;
                model.writeParameters(probe);
                double up = model.evaluate(batch).meanLoss();
                probe[i] = parameters[i] - h;
                model.writeParameters(probe);
                double down = model.evaluate(batch).meanLoss();
                double numeric = (up - down) / (2 * h);
                if (Math.abs(numeric - gradients[i]) > 2e-3 + 1e-2 * Math.abs(numeric)) {
                    mismatches++;
                    System.out.printf("parameter %d: analytic %.6f numeric %.6f%n", i, gradients[i], numeric);
                }
            }
            assertThat(mismatches).as("parameters whose gradient differs from finite differences").isZero();
        }
    }
}
