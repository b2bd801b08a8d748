package dev.gantry.training.tensorflow;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** Class labels to feed, as the int32 or int64 tensor the model's label placeholder wants, reused like {@link FloatFeed}. */
final class LabelFeed implements AutoCloseable {
    private final boolean wide;
    private Tensor tensor;

    LabelFeed(DataType type) {
        if (type != DataType.DT_INT32 && type != DataType.DT_INT64) {
            throw new IllegalArgumentException("model.names.label must be an int32 or int64 tensor, is " + type);
        }
        this.wide = type == DataType.DT_INT64;
    }

    Tensor fill(int[] labels, int size) {
        Shape shape = Shape.of(size);
        if (tensor == null || !tensor.shape().equals(shape)) {
            close();
            tensor = wide ? TInt64.tensorOf(shape) : TInt32.tensorOf(shape);
        }
        if (wide) {
            TInt64 longs = (TInt64) tensor;
            for (int i = 0; i < size; i++) {
                longs.setLong(labels[i], i);
            }
        } else {
            ((TInt32) tensor).copyFrom(DataBuffers.of(labels, true, false).narrow(size));
        }
        return tensor;
    }

    @Override
    public void close() {
        if (tensor != null) {
            tensor.close();
            tensor = null;
        }
    }
}
