package dev.gantry.training.dl4j;

import dev.gantry.training.backend.ModelSpec;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The DL4J configurations of the built-in {@code MLP} and {@code CNN} that {@link ModelSpec} defines. */
final class BuiltInModels {
    private BuiltInModels() {}

    static MultiLayerConfiguration configuration(ModelSpec spec, IUpdater updater, long seed) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0)
                .list();
        int[] shape = spec.inputShape();
        switch (spec.kind()) {
            case MLP -> layers.setInputType(InputType.feedForward(spec.featureCount()));
            case CNN -> {
                // Channels last, as Batch holds images: DL4J then reads the batch without a transpose
                // and every convolution and pooling layer takes the format from the input type.
                layers.setInputType(InputType.convolutional(shape[0], shape[1], shape[2], CNN2DFormat.NHWC));
                addConvolutions(layers, spec.convFilters());
            }
            default -> throw new IllegalArgumentException("model.kind " + spec.kind() + " is not a built-in model");
        }
        for (int units : spec.hidden()) {
            layers.layer(new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build());
        }
        layers.layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(spec.classes()).activation(Activation.SOFTMAX).build());
        return layers.build();
    }

    private static void addConvolutions(NeuralNetConfiguration.ListBuilder layers, List<Integer> filters) {
        for (int count : filters) {
            layers.layer(new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(count)
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build());
            // Truncate is TensorFlow's VALID: an odd size rounds down, 7x7 pools to 3x3.
            layers.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                    .convolutionMode(ConvolutionMode.Truncate).build());
        }
    }
}
