package dev.gantry.training.tensorflow;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A list of variables seen as one flat float vector: {@link #read} fetches all of them, feeding
 * {@link #value} and running {@link #write} replaces all of them. An empty list has neither.
 */
final class FlatVariables {
    private final List<Shape> shapes;
    private final Operand<TFloat32> read;
    private final Placeholder<TFloat32> value;
    private final Op write;

    FlatVariables(Ops tf, List<Output<TFloat32>> variables) {
        this.shapes = variables.stream().map(Output::shape).toList();
        if (variables.isEmpty()) {
            read = null;
            value = null;
            write = null;
            return;
        }
        read = Flat.concat(tf, variables);
        value = tf.withName("value").placeholder(TFloat32.class, Placeholder.shape(Shape.of(Flat.size(shapes))));
        List<Operand<TFloat32>> pieces = Flat.split(tf, value, shapes);
        List<Op> assigns = new ArrayList<>(variables.size());
        for (int i = 0; i < variables.size(); i++) {
            assigns.add(tf.assign(variables.get(i), pieces.get(i)));
        }
        write = tf.withControlDependencies(assigns).withName("write").noOp();
    }

    long size() {
        return Flat.size(shapes);
    }

    List<Shape> shapes() {
        return shapes;
    }

    Operand<TFloat32> read() {
        return read;
    }

    Placeholder<TFloat32> value() {
        return value;
    }

    Op write() {
        return write;
    }
}
