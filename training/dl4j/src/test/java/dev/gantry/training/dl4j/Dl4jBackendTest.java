package dev.gantry.training.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.gantry.training.backend.Backends;
import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.ModelSteps;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.Score;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.data.SyntheticClassification;
import java.util.List;
import org.junit.jupiter.api.Test;

class Dl4jBackendTest {
    @Test
    void foundByNameThroughTheServiceLoader() {
        assertThat(Backends.find("dl4j")).isInstanceOf(Dl4jBackend.class);
    }

    @Test
    void gpusOnTheCpuBackendTrainOnTheCpu() {
        try (WorkerModel model = Replicas.BACKEND.create(ModelSpec.mlp(4, List.of(3), 2),
                new TrainSettings(Optimizer.SGD, 0.1, 1), 1, List.of(0))) {
            assertThat(model.parameterCount()).isEqualTo(4 * 3 + 3 + 3 * 2 + 2);
        }
    }

    @Test
    void equalSeedsGiveEqualModelsAndBiasesStartAtZero() {
        ModelSpec spec = ModelSpec.mlp(4, List.of(3), 2);
        try (WorkerModel a = Replicas.create(spec, Optimizer.SGD, 0.1, 5);
             WorkerModel b = Replicas.create(spec, Optimizer.SGD, 0.1, 5)) {
            float[] parameters = ModelSteps.parameters(a);
            assertThat(ModelSteps.parameters(b)).containsExactly(parameters);
            // Layout: W (4x3) then b (3), then W (3x2) then b (2); Glorot bound sqrt(6 / (4 + 3)).
            assertThat(java.util.Arrays.copyOfRange(parameters, 12, 15)).containsOnly(0f);
            assertThat(java.util.Arrays.copyOfRange(parameters, 21, 23)).containsOnly(0f);
            for (int i = 0; i < 12; i++) {
                assertThat(Math.abs(parameters[i])).isLessThanOrEqualTo((float) Math.sqrt(6.0 / 7));
            }
        }
    }

    @Test
    void writtenParametersAreReadBack() {
        try (WorkerModel model = Replicas.create(ModelSpec.mlp(4, List.of(3), 2), Optimizer.SGD, 0.1, 5)) {
            float[] values = new float[(int) model.parameterCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = i * 0.01f;
            }
            model.writeParameters(values);
            assertThat(ModelSteps.parameters(model)).containsExactly(values);
        }
    }

    @Test
    void evaluateAgreesWithTheTrainingLossAndThePredictions() {
        SyntheticClassification data = SyntheticClassification.separable(4, 3, 6);
        Batch batch = data.batch(0, 50);
        try (WorkerModel model = Replicas.create(ModelSpec.mlp(4, List.of(6), 3), Optimizer.SGD, 0.1, 5)) {
            float loss = model.computeGradients(batch, new float[(int) model.parameterCount()]);
            Score score = model.evaluate(batch);
            float[] probabilities = model.predict(batch.features(), 50);
            long correct = 0;
            for (int i = 0; i < 50; i++) {
                int best = 0;
                for (int c = 1; c < 3; c++) {
                    best = probabilities[i * 3 + c] > probabilities[i * 3 + best] ? c : best;
                }
                correct += best == batch.labels()[i] ? 1 : 0;
                assertThat(probabilities[i * 3] + probabilities[i * 3 + 1] + probabilities[i * 3 + 2]).isCloseTo(1f, offset(1e-5f));
            }
            assertThat(score.count()).isEqualTo(50);
            assertThat(score.meanLoss()).isCloseTo(loss, offset(1e-5));
            assertThat(score.correct()).isEqualTo(correct);
        }
    }
}
