package dev.gantry.training.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.ModelSteps;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.data.SyntheticClassification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** A user's own DL4J configuration JSON trains through the backend, with the job's optimizer and seed. */
class UserModelTest {
    private static final SyntheticClassification DATA = SyntheticClassification.separable(20, 5, 12);

    @TempDir
    Path dir;

    @Test
    void layerListJsonTrains() throws IOException {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(12345).updater(new Nesterovs(0.5, 0.5)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nOut(24).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(5).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(20))
                .build();
        Path file = Files.writeString(dir.resolve("mlp.json"), configuration.toJson());
        ModelSpec spec = ModelSpec.user(file.toString(), new int[] {20}, 5, Map.of());

        try (WorkerModel model = Replicas.create(spec, Optimizer.ADAM, 0.01, 3);
             WorkerModel twin = Replicas.create(spec, Optimizer.ADAM, 0.01, 3);
             WorkerModel other = Replicas.create(spec, Optimizer.ADAM, 0.01, 4)) {
            assertThat(model.parameterCount()).isEqualTo(20 * 24 + 24 + 24 * 5 + 5);
            assertThat(ModelSteps.parameters(twin)).containsExactly(ModelSteps.parameters(model));
            assertThat(ModelSteps.parameters(other)).isNotEqualTo(ModelSteps.parameters(model));
            assertThat(((Dl4jWorkerModel) model).network().updater().getStateViewArray().length())
                    .as("Adam's two moments per parameter, not Nesterovs' one").isEqualTo(2 * model.parameterCount());
            for (int step = 0; step < 100; step++) {
                ModelSteps.step(model, DATA.batch(step * 32L, 32));
            }
            assertThat(Replicas.accuracy(model, DATA, 1_000_000, 500)).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void graphJsonTrains() throws IOException {
        ComputationGraphConfiguration configuration = new NeuralNetConfiguration.Builder()
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(5).activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(20))
                .build();
        Path file = Files.writeString(dir.resolve("graph.json"), configuration.toJson());

        try (WorkerModel model = Replicas.create(ModelSpec.user(file.toString(), new int[] {20}, 5, Map.of()), Optimizer.ADAM, 0.01, 3)) {
            for (int step = 0; step < 100; step++) {
                ModelSteps.step(model, DATA.batch(step * 32L, 32));
            }
            assertThat(Replicas.accuracy(model, DATA, 1_000_000, 500)).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void channelsFirstConvolutionGetsImagesTransposed() throws IOException {
        // Built without a data format: DL4J's default NCHW, while Gantry's batches are channels last.
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(5, 4, 2))
                .build();
        Path file = Files.writeString(dir.resolve("cnn.json"), configuration.toJson());
        SyntheticClassification images = SyntheticClassification.separable(5 * 4 * 2, 3, 1);
        try (WorkerModel model = Replicas.create(ModelSpec.user(file.toString(), new int[] {5, 4, 2}, 3, Map.of()),
                Optimizer.SGD, 0.1, 1)) {
            MultiLayerNetwork reference = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(configuration.toJson()));
            reference.init(Nd4j.createFromArray(ModelSteps.parameters(model)), true);
            float[] features = images.batch(0, 4).features();
            INDArray channelsFirst = Nd4j.create(features, new long[] {4, 5, 4, 2}, DataType.FLOAT).permute(0, 3, 1, 2).dup('c');
            assertThat(model.predict(features, 4))
                    .containsExactly(reference.output(channelsFirst).reshape('c', new long[] {12}).toFloatVector(), offset(1e-6f));
        }
    }
}
