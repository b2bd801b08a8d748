package dev.gantry.training.tensorflow;

import dev.gantry.training.backend.ModelSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * The {@link Network} of a user's graph, from the tensor names in {@code model.names}. Its
 * trainable variables are the float variables the loss depends on, in graph order (for a
 * built-in model exported by Gantry that is the built-in flat layout).
 */
final class UserNetwork {
    private static final Set<String> REF_VARIABLES = Set.of("VariableV2", "Variable");
    private static final Set<String> RESOURCE_VARIABLES = Set.of("VarHandleOp", "VarIsInitializedOp");

    private UserNetwork() {}

    static Network of(Graph graph, ModelSpec spec) {
        Output<?> input = tensor(graph, spec, "input");
        Output<?> label = tensor(graph, spec, "label");
        Output<?> loss = tensor(graph, spec, "loss");
        Output<?> output = tensor(graph, spec, "output");
        requireFloat(spec, "input", input);
        requireFloat(spec, "loss", loss);
        requireFloat(spec, "output", output);
        if (label.dataType() != DataType.DT_INT32 && label.dataType() != DataType.DT_INT64) {
            throw new IllegalArgumentException("model.names.label '" + name(spec, "label")
                    + "' must be an int32 or int64 tensor of class indices, is " + label.dataType());
        }
        checkInputShape(spec, input.shape());
        if (loss.shape().numDimensions() > 0) {
            throw new IllegalArgumentException("model.names.loss '" + name(spec, "loss")
                    + "' must be a scalar (the batch's mean loss), has shape " + loss.shape());
        }
        Shape out = output.shape();
        if (out.numDimensions() == 2 && out.get(1) >= 0 && out.get(1) != spec.classes()) {
            throw new IllegalArgumentException("model.classes is " + spec.classes() + " but model.names.output '"
                    + name(spec, "output") + "' has shape " + out);
        }
        return new Network(input.expect(TFloat32.class), label, output.expect(TFloat32.class),
                loss.expect(TFloat32.class), variables(graph, spec, loss));
    }

    private static Output<?> tensor(Graph graph, ModelSpec spec, String key) {
        String name = name(spec, key);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("model.names." + key + " is required: the name of the SavedModel's "
                    + key + " tensor (keys input, label, loss, output)");
        }
        Output<?> output;
        try {
            output = graph.output(name);
        } catch (IllegalArgumentException e) {
            output = null;
        }
        if (output == null || output.index() < 0 || output.index() >= output.op().numOutputs()) {
            throw new IllegalArgumentException("model.names." + key + " '" + name + "' is no tensor of the SavedModel at "
                    + spec.path());
        }
        return output;
    }

    private static String name(ModelSpec spec, String key) {
        return spec.names().get(key);
    }

    private static void requireFloat(ModelSpec spec, String key, Output<?> tensor) {
        if (tensor.dataType() != DataType.DT_FLOAT) {
            throw new IllegalArgumentException("model.names." + key + " '" + name(spec, key)
                    + "' must be a float32 tensor, is " + tensor.dataType());
        }
    }

    private static void checkInputShape(ModelSpec spec, Shape shape) {
        if (shape.isUnknown()) {
            return;
        }
        if (shape.numDimensions() > 0 && shape.get(0) >= 0) {
            // Workers take shares of a batch and evaluation takes what is left: sizes vary.
            throw new IllegalArgumentException("model.names.input '" + name(spec, "input") + "' has a fixed batch size (shape "
                    + shape + "); Gantry feeds batches of any size, so its first dimension must be -1");
        }
        int[] expected = spec.inputShape();
        boolean fits = shape.numDimensions() == expected.length + 1;
        for (int i = 0; fits && i < expected.length; i++) {
            fits = shape.get(i + 1) < 0 || shape.get(i + 1) == expected[i];
        }
        if (!fits) {
            throw new IllegalArgumentException("model.inputShape " + Arrays.toString(expected) + " does not fit model.names.input '"
                    + name(spec, "input") + "' of shape " + shape + " (the first dimension is the batch)");
        }
    }

    /** The float variables the loss reads, found by walking its data inputs back through the graph. */
    private static List<Output<TFloat32>> variables(Graph graph, ModelSpec spec, Output<?> loss) {
        Set<GraphOperation> ancestors = new HashSet<>();
        Deque<GraphOperation> todo = new ArrayDeque<>();
        todo.add((GraphOperation) loss.op());
        while (!todo.isEmpty()) {
            GraphOperation op = todo.poll();
            if (ancestors.add(op)) {
                for (Operand<?> in : op.inputs()) {
                    todo.add((GraphOperation) in.op());
                }
            }
        }
        List<Output<TFloat32>> variables = new ArrayList<>();
        for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
            GraphOperation op = it.next();
            if (!ancestors.contains(op)) {
                continue;
            }
            if (RESOURCE_VARIABLES.contains(op.type())) {
                throw new IllegalArgumentException("model.path '" + spec.path() + "' uses resource variables ('" + op.name()
                        + "'), which Gantry cannot train yet: export the graph with reference variables (TensorFlow Java's tf.variable)");
            }
            if (REF_VARIABLES.contains(op.type()) && op.output(0).dataType() == DataType.DT_FLOAT_REF) {
                Output<TFloat32> variable = op.output(0).expect(TFloat32.class);
                if (variable.shape().hasUnknownDimension()) {
                    throw new IllegalArgumentException("model.path '" + spec.path() + "': variable '" + op.name()
                            + "' has no fixed shape (" + variable.shape() + "), so it cannot take part in a flat parameter vector");
                }
                variables.add(variable);
            }
        }
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("model.names.loss '" + name(spec, "loss") + "' depends on no float variable, so there is nothing to train");
        }
        return variables;
    }
}
