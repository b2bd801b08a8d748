package dev.gantry.training.tensorflow;

import dev.gantry.training.backend.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A linear softmax classifier written the way a TensorFlow Java user would, with names of its
 * own and int64 labels, saved as a SavedModel: what a job's user-supplied model looks like.
 */
final class HandBuiltSavedModel {
    static final String INPUT = "features";
    static final String LABEL = "classes";
    static final String LOSS = "xent";
    static final String OUTPUT = "probabilities:0";

    private HandBuiltSavedModel() {}

    static void write(Path dir, int features, int classes) throws IOException {
        write(dir, features, classes, -1, false);
    }

    /** Writes the model into {@code dir} and returns the job's spec naming its tensors. */
    static ModelSpec writeSpec(Path dir, int features, int classes) throws IOException {
        write(dir, features, classes);
        return ModelSpec.user(dir.toString(), new int[] {features}, classes,
                Map.of("input", INPUT, "label", LABEL, "loss", LOSS, "output", OUTPUT));
    }

    /**
     * @param batch the input's first dimension, -1 for any
     * @param sparseLoss whether the loss uses the sparse cross-entropy op, which has no C++ gradient
     */
    static void write(Path dir, int features, int classes, long batch, boolean sparseLoss) throws IOException {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, features)));
            Placeholder<TInt64> y = tf.withName(LABEL).placeholder(TInt64.class, Placeholder.shape(Shape.of(batch)));
            float[][] initial = new float[features][classes];
            for (int i = 0; i < features; i++) {
                for (int j = 0; j < classes; j++) {
                    initial[i][j] = (float) Math.sin(i * 31 + j) * 0.1f;
                }
            }
            Variable<TFloat32> weights = tf.withName("weights").variable(tf.constant(initial));
            Variable<TFloat32> bias = tf.withName("bias").variable(tf.zeros(tf.constant(new int[] {classes}), TFloat32.class));
            Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(x, weights), bias);
            Operand<TFloat32> probabilities = tf.withName("probabilities").nn.softmax(logits);
            Operand<TFloat32> perExample = sparseLoss
                    ? tf.nn.sparseSoftmaxCrossEntropyWithLogits(logits, y).loss()
                    : tf.nn.softmaxCrossEntropyWithLogits(logits,
                            tf.oneHot(y, tf.constant(classes), tf.constant(1f), tf.constant(0f))).loss();
            tf.withName(LOSS).math.mean(perExample, tf.constant(0));
            try (Session session = new Session(graph)) {
                session.initialize();
                SavedModelBundle.exporter(dir.toString())
                        .withSession(session)
                        .withSignature(Signature.builder().input("x", x).output("p", probabilities).build())
                        .export();
            }
        }
    }
}
