package dev.gantry.training.worker;

import dev.gantry.training.backend.Batch;
import java.util.SplittableRandom;

/** The examples one worker trains on, in memory, in the order the data gave them. */
public record Shard(float[] features, int[] labels, int featureCount) implements java.io.Serializable {

    public Shard {
        if (featureCount <= 0 || features.length != (long) labels.length * featureCount) {
            throw new IllegalArgumentException("shard of " + labels.length + " labels needs "
                    + labels.length + " x " + featureCount + " features, has " + features.length);
        }
    }

    public int size() {
        return labels.length;
    }

    /** The identity order, or a permutation drawn from {@code seed} (Fisher-Yates). */
    public int[] order(boolean shuffle, long seed) {
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** Examples {@code order[from] .. order[from + count - 1]}, in new arrays. */
    public Batch batch(int[] order, int from, int count) {
        return batch(order, from, count, null);
    }

    /**
     * Examples {@code order[from] .. order[from + count - 1]}, written into the arrays of
     * {@code reuse} where they hold {@code count} examples of this shard's width, else into new
     * ones. A loop that passes back its last batch allocates nothing per step: at a batch of 4,096
     * examples of 784 features a fresh 12.8 MB array each step doubled the time the gather took.
     * Backends copy a batch into their own tensors during the call ({@link Batch}), so its arrays
     * are free again when the call returns.
     */
    public Batch batch(int[] order, int from, int count, Batch reuse) {
        boolean fits = reuse != null && reuse.labels().length >= count && reuse.featureCount() == featureCount;
        float[] x = fits ? reuse.features() : new float[count * featureCount];
        int[] y = fits ? reuse.labels() : new int[count];
        for (int i = 0; i < count; i++) {
            int example = order[from + i];
            System.arraycopy(features, example * featureCount, x, i * featureCount, featureCount);
            y[i] = labels[example];
        }
        return new Batch(x, y, count);
    }
}
