package dev.gantry.training.tensorflow;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.SplitV;
import org.tensorflow.types.TFloat32;

/** Between many tensors and one flat vector, inside the graph, so one session run moves them all. */
final class Flat {
    private Flat() {}

    /** The tensors' values, each flattened, concatenated in order. */
    static Operand<TFloat32> concat(Ops tf, List<? extends Operand<TFloat32>> tensors) {
        List<Operand<TFloat32>> flat = new ArrayList<>(tensors.size());
        for (Operand<TFloat32> tensor : tensors) {
            flat.add(tf.reshape(tensor, tf.constant(new long[] {-1})));
        }
        return flat.size() == 1 ? flat.get(0) : tf.concat(flat, tf.constant(0));
    }

    /** The inverse of {@link #concat}: {@code flat} cut into pieces of these shapes. */
    static List<Operand<TFloat32>> split(Ops tf, Operand<TFloat32> flat, List<Shape> shapes) {
        if (shapes.size() == 1) {
            return List.of(tf.reshape(flat, tf.constant(shapes.get(0).asArray())));
        }
        long[] sizes = shapes.stream().mapToLong(Shape::size).toArray();
        SplitV<TFloat32> pieces = tf.splitV(flat, tf.constant(sizes), tf.constant(0), (long) sizes.length);
        List<Operand<TFloat32>> shaped = new ArrayList<>(shapes.size());
        for (int i = 0; i < shapes.size(); i++) {
            shaped.add(tf.reshape(pieces.output().get(i), tf.constant(shapes.get(i).asArray())));
        }
        return shaped;
    }

    static long size(List<Shape> shapes) {
        return shapes.stream().mapToLong(Shape::size).sum();
    }
}
