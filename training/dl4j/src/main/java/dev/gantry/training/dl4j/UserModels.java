package dev.gantry.training.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.training.backend.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A user's network from a DL4J configuration JSON ({@code MultiLayerConfiguration.toJson()} or
 * {@code ComputationGraphConfiguration.toJson()}). The job still decides what the SPI promises:
 * its optimizer and learning rate replace the file's updaters, its seed the file's seed, and
 * parameters are float. Everything else (layers, losses, regularisation) is the user's.
 */
final class UserModels {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UserModels() {}

    record Loaded(Network network, Inputs inputs) {}

    static Loaded load(ModelSpec spec, IUpdater updater, long seed) {
        int rank = spec.inputShape().length;
        if (rank != 1 && rank != 3) {
            throw new IllegalArgumentException("model.inputShape of a DL4J user model is [features] or [height, width, channels], got "
                    + Arrays.toString(spec.inputShape()));
        }
        Path path = Path.of(spec.path());
        JsonNode tree = parse(path);
        Loaded loaded;
        if (tree.has("confs")) {
            MultiLayerConfiguration configuration = decode(path, () -> MultiLayerConfiguration.fromJson(tree.toString()));
            configuration.setDataType(DataType.FLOAT);
            List<NeuralNetConfiguration> layers = LayerConfigurations.of(configuration);
            impose(layers, updater, seed);
            loaded = build(spec, path, () -> new LayerStack(configuration), layers);
        } else if (tree.has("vertices")) {
            ComputationGraphConfiguration configuration = decode(path, () -> ComputationGraphConfiguration.fromJson(tree.toString()));
            configuration.setDataType(DataType.FLOAT);
            List<NeuralNetConfiguration> layers = LayerConfigurations.of(configuration);
            impose(layers, updater, seed);
            impose(List.of(configuration.getDefaultConfiguration()), updater, seed);
            loaded = build(spec, path, () -> new LayerGraph(configuration), layers);
        } else {
            throw new IllegalArgumentException("model.path " + path
                    + " is not a DL4J MultiLayerConfiguration or ComputationGraphConfiguration (JSON without \"confs\" or \"vertices\")");
        }
        checkShapes(loaded, spec, path);
        return loaded;
    }

    private static JsonNode parse(Path path) {
        try {
            return JSON.readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model.path " + path + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("model.path " + path + " cannot be read as JSON: " + firstLine(e));
        }
    }

    private static <T> T decode(Path path, Supplier<T> decoder) {
        try {
            return decoder.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("model.path " + path + " is not a valid DL4J configuration: " + firstLine(e));
        }
    }

    private static Loaded build(ModelSpec spec, Path path, Supplier<Network> builder,
                                List<NeuralNetConfiguration> layers) {
        Inputs.Layout layout = spec.inputShape().length == 1 ? Inputs.Layout.FLAT : imageLayout(layers);
        Inputs inputs = new Inputs(spec.inputShape(), spec.classes(), layout);
        try {
            return new Loaded(builder.get(), inputs);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("model.path " + path + ": DL4J cannot build this network: " + firstLine(e));
        }
    }

    private static void impose(List<NeuralNetConfiguration> layers, IUpdater updater, long seed) {
        for (NeuralNetConfiguration layer : layers) {
            layer.setSeed(seed);
            // The worker hands DL4J's updater the gradient of the mean loss; a configuration that
            // opted out of minibatch division would otherwise report sums as losses.
            layer.setMiniBatch(true);
        }
        LayerConfigurations.replaceUpdaters(layers, ignored -> updater.clone());
    }

    /** Images go in channels first unless the first convolution or pooling layer was built for channels last. */
    private static Inputs.Layout imageLayout(List<NeuralNetConfiguration> layers) {
        for (NeuralNetConfiguration configuration : layers) {
            Layer layer = configuration.getLayer();
            CNN2DFormat format = layer instanceof ConvolutionLayer c ? c.getCnn2dDataFormat()
                    : layer instanceof SubsamplingLayer s ? s.getCnn2dDataFormat() : null;
            if (format != null) {
                return format == CNN2DFormat.NHWC ? Inputs.Layout.CHANNELS_LAST : Inputs.Layout.CHANNELS_FIRST;
            }
        }
        return Inputs.Layout.CHANNELS_FIRST;
    }

    /** One example of zeros through the network: a wrong input shape or class count fails here, in one line. */
    private static void checkShapes(Loaded loaded, ModelSpec spec, Path path) {
        long[] shape;
        try {
            shape = loaded.network().output(loaded.inputs().features(new float[loaded.inputs().featureCount()], 1)).shape();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("model.inputShape " + Arrays.toString(spec.inputShape())
                    + " does not fit the network at model.path " + path + ": " + firstLine(e));
        }
        if (shape.length != 2 || shape[1] != spec.classes()) {
            throw new IllegalArgumentException("model.classes is " + spec.classes() + " but the network at model.path "
                    + path + " outputs shape " + Arrays.toString(shape) + " per batch");
        }
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.strip().lines().findFirst().orElse("").strip();
    }
}
