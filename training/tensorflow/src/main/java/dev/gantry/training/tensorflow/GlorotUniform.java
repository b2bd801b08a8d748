package dev.gantry.training.tensorflow;

import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.ndarray.Shape;

/**
 * Initial weights drawn in Java rather than by TensorFlow's random ops, so that equal seeds give
 * bit-equal replicas on every machine and device, whatever TensorFlow's own RNG does.
 * Rank-1 variables are biases and start at zero; dense kernels {@code [in, out]} and convolution
 * kernels {@code [kh, kw, in, out]} are uniform in {@code +-sqrt(6 / (fanIn + fanOut))}.
 */
final class GlorotUniform {
    private GlorotUniform() {}

    /** Values for all variables, concatenated in their order (the flat parameter layout). */
    static float[] values(List<Shape> shapes, long seed) {
        long total = shapes.stream().mapToLong(Shape::size).sum();
        float[] values = new float[Math.toIntExact(total)];
        SplittableRandom random = new SplittableRandom(seed);
        int offset = 0;
        for (Shape shape : shapes) {
            int size = Math.toIntExact(shape.size());
            if (shape.numDimensions() >= 2) {
                long receptive = 1;
                for (int d = 0; d < shape.numDimensions() - 2; d++) {
                    receptive *= shape.get(d);
                }
                double fanIn = receptive * shape.get(shape.numDimensions() - 2);
                double fanOut = receptive * shape.get(shape.numDimensions() - 1);
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < size; i++) {
                    values[offset + i] = (float) ((2 * random.nextDouble() - 1) * limit);
                }
            }
            offset += size;
        }
        return values;
    }
}
