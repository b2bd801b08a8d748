package dev.gantry.training.worker;

import java.util.Arrays;

/** Every step's loss of one run, in step order, as floats: what {@code metrics.json} lists. */
public final class LossLog {
    private float[] losses = new float[256];
    private int size;

    public void add(double loss) {
        if (size == losses.length) {
            losses = Arrays.copyOf(losses, size * 2);
        }
        losses[size++] = (float) loss;
    }

    public float[] toArray() {
        return Arrays.copyOf(losses, size);
    }
}
