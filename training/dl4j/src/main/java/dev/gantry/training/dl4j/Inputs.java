package dev.gantry.training.dl4j;

import dev.gantry.training.backend.Batch;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turns Gantry's row-major, channels-last examples and class indices into the arrays a network takes. */
final class Inputs {
    enum Layout {
        /** {@code [examples, features]}. */
        FLAT,
        /** {@code [examples, height, width, channels]}, as Gantry holds images. */
        CHANNELS_LAST,
        /** {@code [examples, channels, height, width]}, DL4J's default for convolutions. */
        CHANNELS_FIRST
    }

    private final int[] shape;
    private final int featureCount;
    private final int classes;
    private final Layout layout;
    private INDArray featureBuffer;
    private INDArray labelBuffer;

    Inputs(int[] shape, int classes, Layout layout) {
        if (layout != Layout.FLAT && shape.length != 3) {
            throw new IllegalArgumentException("model.inputShape of an image model is [height, width, channels], got "
                    + Arrays.toString(shape));
        }
        this.shape = shape.clone();
        this.featureCount = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        this.classes = classes;
        this.layout = layout;
    }

    int featureCount() {
        return featureCount;
    }

    int classes() {
        return classes;
    }

    /** Checks a whole batch before any of it reaches DL4J, whose own errors are long and late. */
    void check(Batch batch) {
        if (batch.featureCount() != featureCount) {
            throw new IllegalArgumentException("batch.features: " + batch.featureCount() + " per example, but model.inputShape "
                    + Arrays.toString(shape) + " needs " + featureCount);
        }
        int[] labels = batch.labels();
        for (int i = 0; i < batch.size(); i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("batch.labels[" + i + "] = " + labels[i]
                        + " is out of range for model.classes " + classes);
            }
        }
    }

    INDArray features(Batch batch) {
        return features(batch.features(), batch.size());
    }

    INDArray features(float[] values, int size) {
        if (size <= 0 || values.length < (long) size * featureCount) {
            throw new IllegalArgumentException("features: " + values.length + " values for " + size
                    + " examples of " + featureCount);
        }
        long[] dims = layout == Layout.FLAT ? new long[] {size, featureCount} : new long[] {size, shape[0], shape[1], shape[2]};
        featureBuffer = reuse(featureBuffer, dims);
        HostCopy.write(values, featureBuffer);
        return layout == Layout.CHANNELS_FIRST ? featureBuffer.permute(0, 3, 1, 2).dup('c') : featureBuffer;
    }

    /** One-hot rows, the form DL4J's classification losses take. */
    INDArray labels(Batch batch) {
        float[] oneHot = new float[batch.size() * classes];
        for (int i = 0; i < batch.size(); i++) {
            oneHot[i * classes + batch.labels()[i]] = 1f;
        }
        labelBuffer = reuse(labelBuffer, new long[] {batch.size(), classes});
        HostCopy.write(oneHot, labelBuffer);
        return labelBuffer;
    }

    /**
     * The same array again while batches keep their size: a fresh native array per step costs an
     * allocation and a registration with ND4J's deallocator. Safe because a replica runs one pass
     * at a time and drops its references to inputs after each.
     */
    private static INDArray reuse(INDArray buffer, long[] shape) {
        return buffer != null && Arrays.equals(buffer.shape(), shape) ? buffer : Nd4j.create(DataType.FLOAT, shape, 'c');
    }
}
