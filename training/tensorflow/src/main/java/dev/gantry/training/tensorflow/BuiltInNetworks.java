package dev.gantry.training.tensorflow;

import dev.gantry.training.backend.ModelSpec;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The MLP and CNN of {@link ModelSpec}, built into a graph. The graph's names are those a
 * user-supplied model needs ({@code input}, {@code label}, {@code loss}, {@code output}), so an
 * exported built-in model can be trained again as a user model.
 */
final class BuiltInNetworks {
    static final String INPUT = "input";
    static final String LABEL = "label";
    static final String LOSS = "loss";
    static final String OUTPUT = "output";

    private BuiltInNetworks() {}

    static Network build(Ops tf, ModelSpec spec) {
        int[] inputShape = spec.inputShape();
        Placeholder<TFloat32> input = tf.withName(INPUT).placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(batchedDims(inputShape))));
        Placeholder<TInt32> label = tf.withName(LABEL).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        Layers layers = new Layers(tf);
        Operand<TFloat32> logits = logits(tf, spec, layers, input);
        Operand<TFloat32> output = tf.withName(OUTPUT).nn.softmax(logits);
        Operand<TFloat32> loss = loss(tf, spec, logits, label);
        return new Network(input.output(), label.output(), output.asOutput(), loss.asOutput(), layers.variables());
    }

    /**
     * The mean loss of {@code network} (built by {@link #build} from this spec) computed a second
     * time, on {@code reads} of its variables instead of the variables themselves, in the same
     * order as {@link Network#variables()}. The graph's ops are those of the first build, so the
     * two losses and their gradients are computed alike.
     */
    static Operand<TFloat32> lossOn(Ops tf, ModelSpec spec, Network network, List<? extends Operand<TFloat32>> reads) {
        Layers layers = new Layers(tf, reads);
        Operand<TFloat32> logits = logits(tf, spec, layers, network.input());
        layers.variables();
        return loss(tf, spec, logits, network.label().expect(TInt32.class));
    }

    private static Operand<TFloat32> loss(Ops tf, ModelSpec spec, Operand<TFloat32> logits, Operand<TInt32> label) {
        // The sparse cross-entropy op has no C++ gradient, so tf.gradients cannot go through it:
        // one-hot labels and the dense op give the same loss and do have one.
        Operand<TFloat32> oneHot = tf.oneHot(label, tf.constant(spec.classes()), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> perExample = tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
        return tf.withName(LOSS).math.mean(perExample, tf.constant(0));
    }

    private static Operand<TFloat32> logits(Ops tf, ModelSpec spec, Layers layers, Operand<TFloat32> input) {
        int[] inputShape = spec.inputShape();
        Operand<TFloat32> x = input;
        long width;
        if (spec.kind() == ModelSpec.Kind.CNN) {
            long height = inputShape[0];
            long breadth = inputShape[1];
            long channels = inputShape[2];
            for (int i = 0; i < spec.convFilters().size(); i++) {
                long filters = spec.convFilters().get(i);
                if (height < 2 || breadth < 2) {
                    throw new IllegalArgumentException("model.inputShape " + Arrays.toString(inputShape)
                            + " is too small for " + spec.convFilters().size() + " conv layers with 2x2 pooling");
                }
                x = layers.maxPool2x2(layers.relu(layers.conv3x3("conv_" + i, x, channels, filters)));
                height /= 2;
                breadth /= 2;
                channels = filters;
            }
            width = height * breadth * channels;
            x = tf.reshape(x, tf.constant(new long[] {-1, width}));
        } else {
            width = spec.featureCount();
            if (inputShape.length > 1) {
                x = tf.reshape(x, tf.constant(new long[] {-1, width}));
            }
        }
        for (int i = 0; i < spec.hidden().size(); i++) {
            long units = spec.hidden().get(i);
            x = layers.relu(layers.dense("dense_" + i, x, width, units));
            width = units;
        }
        return layers.dense("logits", x, width, spec.classes());
    }

    private static long[] batchedDims(int[] inputShape) {
        long[] dims = new long[inputShape.length + 1];
        dims[0] = -1;
        for (int i = 0; i < inputShape.length; i++) {
            dims[i + 1] = inputShape[i];
        }
        return dims;
    }
}
