package dev.gantry.training.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.data.SyntheticClassification;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The gradient a worker hands out is the gradient of the batch's mean loss in the layout of its
 * parameters: checked against central differences of the loss. The check runs the network in
 * double precision (the backend itself always trains in float) so that differences are exact
 * enough to compare every parameter.
 */
class GradientCheckTest {
    private static final double STEP = 1e-6;

    @Test
    void mlpGradientIsTheMeanLossGradientForEveryParameter() {
        ModelSpec spec = ModelSpec.mlp(4, List.of(5), 3);
        check(spec, Inputs.Layout.FLAT, SyntheticClassification.separable(4, 3, 5).batch(0, 7));
    }

    @Test
    void cnnGradientIsTheMeanLossGradientForEveryParameter() {
        ModelSpec spec = ModelSpec.cnn(6, 6, 1, List.of(2), List.of(4), 3);
        check(spec, Inputs.Layout.CHANNELS_LAST, SyntheticClassification.separable(36, 3, 6).batch(0, 5));
    }

    private static void check(ModelSpec spec, Inputs.Layout layout, Batch batch) {
        MultiLayerConfiguration configuration = BuiltInModels.configuration(spec, new Sgd(0.1), 42);
        configuration.setDataType(DataType.DOUBLE);
        LayerStack network = new LayerStack(configuration);
        Inputs inputs = new Inputs(spec.inputShape(), spec.classes(), layout);
        try (Dl4jWorkerModel model = new Dl4jWorkerModel(network, inputs, DevicePin.none())) {
            float[] gradients = new float[(int) model.parameterCount()];
            float loss = model.computeGradients(batch, gradients);

            INDArray features = inputs.features(batch).castTo(DataType.DOUBLE);
            INDArray labels = inputs.labels(batch).castTo(DataType.DOUBLE);
            INDArray parameters = network.parameters();
            assertThat(loss).isCloseTo((float) meanLoss(network, features, labels), org.assertj.core.data.Offset.offset(1e-6f));
            for (int i = 0; i < gradients.length; i++) {
                double original = parameters.getDouble(i);
                parameters.putScalar(i, original + STEP);
                double up = meanLoss(network, features, labels);
                parameters.putScalar(i, original - STEP);
                double down = meanLoss(network, features, labels);
                parameters.putScalar(i, original);
                double numeric = (up - down) / (2 * STEP);
                assertThat((double) gradients[i]).as("parameter %d of %d", i, gradients.length)
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6 + 1e-4 * Math.abs(numeric)));
            }
        }
    }

    private static double meanLoss(LayerStack network, INDArray features, INDArray labels) {
        return network.exampleLosses(features, labels).meanNumber().doubleValue();
    }
}
