package dev.gantry.training.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The network's flat gradient array as Gantry moves it in and out.
 *
 * <p>DL4J's backprop leaves the gradient of the batch's summed loss, and its updater divides by
 * the batch size before the update, except for parameters whose "gradient" is really an update
 * (batch normalisation's running mean and variance). Gantry exchanges the gradient of the mean
 * loss, so reading divides exactly those ranges, and the updater is then told the batch size is 1.
 */
final class FlatGradient {
    private final INDArray view;
    private final Gradient gradient;
    private final int[][] meanRanges;

    FlatGradient(Network network) {
        this.view = network.gradientView();
        INDArray flat = view.reshape(view.length());
        this.gradient = new DefaultGradient(view);
        List<int[]> ranges = new ArrayList<>();
        long offset = 0;
        // Same walk as DL4J's updater: parts in order, each part's parameters in table order.
        for (Network.Part part : network.parts()) {
            for (Map.Entry<String, INDArray> parameter : part.trainable().paramTable(false).entrySet()) {
                long length = parameter.getValue().length();
                if (length > 0) {
                    gradient.setGradientFor(part.name() + "_" + parameter.getKey(),
                            flat.get(NDArrayIndex.interval(offset, offset + length)));
                    if (part.trainable().updaterDivideByMinibatch(parameter.getKey())) {
                        addRange(ranges, Math.toIntExact(offset), Math.toIntExact(offset + length));
                    }
                }
                offset += length;
            }
        }
        if (offset != flat.length()) {
            throw new IllegalStateException("parameter tables cover " + offset + " of " + flat.length() + " gradients");
        }
        this.meanRanges = ranges.toArray(int[][]::new);
    }

    private static void addRange(List<int[]> ranges, int start, int end) {
        if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] == start) {
            ranges.get(ranges.size() - 1)[1] = end;
        } else {
            ranges.add(new int[] {start, end});
        }
    }

    /** The gradient object DL4J's updater takes: the flat view with a view per parameter. */
    Gradient gradient() {
        return gradient;
    }

    /** Copies the backprop result out as the gradient of the mean loss over {@code batchSize} examples. */
    void readMean(float[] into, int batchSize) {
        HostCopy.read(view, into);
        float size = batchSize;
        for (int[] range : meanRanges) {
            for (int i = range[0]; i < range[1]; i++) {
                // Division, not a multiply by 1/size: the same rounding as DL4J's own divi.
                into[i] /= size;
            }
        }
    }

    void write(float[] from) {
        HostCopy.write(from, view);
    }
}
