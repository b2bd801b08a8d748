package dev.gantry.training.tensorflow;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The layer kinds of the built-in networks. Each layer's variables are created uninitialised
 * (no TensorFlow initialiser): the worker writes their first values, drawn in Java, so a replica
 * never depends on TensorFlow's RNG and a session needs no init run.
 */
final class Layers {
    private final Ops tf;
    private final List<Output<TFloat32>> variables = new ArrayList<>();
    private final List<? extends Operand<TFloat32>> reuse;
    private int reused;

    Layers(Ops tf) {
        this.tf = tf;
        this.reuse = null;
    }

    /**
     * Layers that create no variables: each layer takes, in creation order, the next of
     * {@code reuse} (values of variables an earlier build created), so the same network can be
     * built a second time on other reads of the same variables.
     */
    Layers(Ops tf, List<? extends Operand<TFloat32>> reuse) {
        this.tf = tf;
        this.reuse = List.copyOf(reuse);
    }

    /** {@code x W + b}, no activation. */
    Operand<TFloat32> dense(String name, Operand<TFloat32> x, long inputs, long units) {
        Ops layer = tf.withSubScope(name);
        Operand<TFloat32> kernel = variable(layer, "kernel", Shape.of(inputs, units));
        Operand<TFloat32> bias = variable(layer, "bias", Shape.of(units));
        return layer.nn.biasAdd(layer.linalg.matMul(x, kernel), bias);
    }

    /** A 3x3 convolution, stride 1, same padding, plus bias; no activation. Channels last. */
    Operand<TFloat32> conv3x3(String name, Operand<TFloat32> x, long channels, long filters) {
        Ops layer = tf.withSubScope(name);
        Operand<TFloat32> kernel = variable(layer, "kernel", Shape.of(3, 3, channels, filters));
        Operand<TFloat32> bias = variable(layer, "bias", Shape.of(filters));
        return layer.nn.biasAdd(layer.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "SAME"), bias);
    }

    /** 2x2 max pooling with stride 2; odd rows and columns at the edge are dropped. */
    Operand<TFloat32> maxPool2x2(Operand<TFloat32> x) {
        return tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
    }

    Operand<TFloat32> relu(Operand<TFloat32> x) {
        return tf.nn.relu(x);
    }

    /** Every variable created so far, in creation order. */
    List<Output<TFloat32>> variables() {
        if (reuse != null && reused != reuse.size()) {
            throw new IllegalStateException("the network used " + reused + " of the " + reuse.size() + " variables to reuse");
        }
        return List.copyOf(variables);
    }

    private Operand<TFloat32> variable(Ops layer, String name, Shape shape) {
        if (reuse != null) {
            if (reused == reuse.size()) {
                throw new IllegalStateException("the network has more variables than the " + reuse.size() + " to reuse");
            }
            return reuse.get(reused++);
        }
        Variable<TFloat32> variable = layer.withName(name).variable(shape, TFloat32.class);
        variables.add(variable.asOutput());
        return variable;
    }
}
