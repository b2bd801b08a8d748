package dev.gantry.training.tensorflow;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A float tensor to feed, refilled in place while its shape stays the same, so a steady training
 * loop allocates no native memory per step. Session runs copy what they keep of a fed tensor, so
 * refilling it after a run is safe.
 */
final class FloatFeed implements AutoCloseable {
    private TFloat32 tensor;

    /** The first {@code shape.size()} values of {@code values}, as a tensor of this shape. */
    TFloat32 fill(Shape shape, float[] values) {
        return fill(shape, values, 0);
    }

    /** {@code shape.size()} values of {@code values} from {@code offset} on, as a tensor of this shape. */
    TFloat32 fill(Shape shape, float[] values, int offset) {
        if (tensor == null || !tensor.shape().equals(shape)) {
            close();
            tensor = TFloat32.tensorOf(shape);
        }
        tensor.copyFrom(DataBuffers.of(values, true, false).slice(offset, shape.size()));
        return tensor;
    }

    @Override
    public void close() {
        if (tensor != null) {
            tensor.close();
            tensor = null;
        }
    }

    /** Copies all of {@code tensor} into the start of {@code into}. */
    static void copy(TFloat32 tensor, float[] into) {
        tensor.copyTo(DataBuffers.of(into, false, false).narrow(tensor.size()));
    }
}
