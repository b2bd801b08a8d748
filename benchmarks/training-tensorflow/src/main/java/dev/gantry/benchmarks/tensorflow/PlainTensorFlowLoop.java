package dev.gantry.benchmarks.tensorflow;

import dev.gantry.training.backend.Batch;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.initializers.Glorot;
import org.tensorflow.framework.initializers.VarianceScaling;
import org.tensorflow.framework.optimizers.GradientDescent;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The peer: the MLP trained the way a TensorFlow Java user writes it in one process, with the
 * framework's {@link GradientDescent}: one session run of its minimize op per step, fetching the
 * loss. Its input tensors are allocated once and refilled each step, as Gantry's are: fresh
 * tensors per step (the usual way) cost the peer about 0.1 ms a step at batch 128, which would
 * flatter Gantry.
 */
final class PlainTensorFlowLoop implements TrainingLoop {
    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> input;
    private final Placeholder<TInt32> label;
    private final Operand<TFloat32> loss;
    private final Op minimize;
    private final long features;
    private TFloat32 x;
    private TInt32 y;

    PlainTensorFlowLoop(int features, List<Integer> hidden, int classes, float learningRate, int threads, long seed) {
        this.features = features;
        Ops tf = Ops.create(graph);
        input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, features)));
        label = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        Operand<TFloat32> x = input;
        long width = features;
        for (int units : hidden) {
            x = tf.nn.relu(dense(tf, x, width, units, seed++));
            width = units;
        }
        Operand<TFloat32> logits = dense(tf, x, width, classes, seed);
        // The sparse cross-entropy op has no C++ gradient; users take one-hot labels instead.
        Operand<TFloat32> oneHot = tf.oneHot(label, tf.constant(classes), tf.constant(1f), tf.constant(0f));
        loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(), tf.constant(0));
        minimize = new GradientDescent(graph, learningRate).minimize(loss);
        session = new Session(graph, ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(threads)
                .build());
    }

    @Override
    public String name() {
        return "plain TensorFlow loop";
    }

    @Override
    public float step(Batch batch) {
        if (x == null || x.shape().get(0) != batch.size()) {
            closeInputs();
            x = TFloat32.tensorOf(Shape.of(batch.size(), features));
            y = TInt32.tensorOf(Shape.of(batch.size()));
        }
        x.copyFrom(DataBuffers.of(batch.features(), true, false));
        y.copyFrom(DataBuffers.of(batch.labels(), true, false));
        try (Result result = session.runner().feed(input, x).feed(label, y).fetch(loss).addTarget(minimize).run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    private void closeInputs() {
        if (x != null) {
            x.close();
            y.close();
            x = null;
            y = null;
        }
    }

    @Override
    public void close() {
        closeInputs();
        session.close();
        graph.close();
    }

    private static Operand<TFloat32> dense(Ops tf, Operand<TFloat32> x, long in, long out, long seed) {
        Glorot<TFloat32> glorot = new Glorot<>(VarianceScaling.Distribution.UNIFORM, seed);
        Variable<TFloat32> kernel = tf.variable(glorot.call(tf, tf.constant(Shape.of(in, out)), TFloat32.class));
        Variable<TFloat32> bias = tf.variable(tf.zeros(tf.constant(new long[] {out}), TFloat32.class));
        // BiasAdd, as Gantry's layers use: its gradient is one op, a broadcasting Add's is several.
        return tf.nn.biasAdd(tf.linalg.matMul(x, kernel), bias);
    }
}
