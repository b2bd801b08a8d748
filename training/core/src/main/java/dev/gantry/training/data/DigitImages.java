package dev.gantry.training.data;

import dev.gantry.training.backend.Batch;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Seeded 28 x 28 grey images of handwritten-looking digits, 0-9, so that examples and tests can
 * train a real image model without downloading MNIST. Each image is a digit's pen strokes
 * ({@link DigitStrokes}) written in a random hand ({@link HandStyle}), anti-aliased, with a
 * little noise; pixels are row-major, 0 (paper) to 1 (ink), as {@code idx} data is read.
 *
 * <p>Example {@code i} is a pure function of (seed, i), so any worker can make any shard of a
 * data set without the rest, and held-out data is just examples from far beyond the training
 * ones. Every aligned block of ten examples holds each digit once, in an order drawn from the
 * seed, so classes are balanced in any range.
 */
public final class DigitImages implements Serializable {
    public static final int SIDE = 28;
    public static final int FEATURES = SIDE * SIDE;
    public static final int CLASSES = 10;
    private static final long serialVersionUID = 1L;
    private static final double NOISE = 0.03;
    private static final double STROKE_NUDGE = 0.02;

    private final long seed;

    public DigitImages(long seed) {
        this.seed = seed;
    }

    public int label(long index) {
        long block = Math.floorDiv(index, CLASSES);
        SplittableRandom random = new SplittableRandom(mix(block, seed));
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        for (int i = CLASSES - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order[(int) Math.floorMod(index, CLASSES)];
    }

    /** Writes example {@code index}'s 784 pixels into {@code into} at {@code offset}. */
    public void features(long index, float[] into, int offset) {
        int digit = label(index);
        SplittableRandom random = new SplittableRandom(mix(index, seed ^ 0x6A09E667F3BCC909L));
        float[][] strokes = DigitStrokes.strokes(digit, random.nextInt(DigitStrokes.variants(digit)));
        HandStyle style = HandStyle.draw(random, SIDE);
        StrokeRaster raster = new StrokeRaster(SIDE);
        for (float[] stroke : strokes) {
            double dx = random.nextDouble(-STROKE_NUDGE, STROKE_NUDGE);
            double dy = random.nextDouble(-STROKE_NUDGE, STROKE_NUDGE);
            raster.stroke(style.place(stroke, dx, dy), style.halfWidth(), style.darkness());
        }
        float[] ink = raster.pixels();
        for (int p = 0; p < FEATURES; p++) {
            double noisy = ink[p] + NOISE * (random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5) * 2;
            into[offset + p] = (float) Math.max(0, Math.min(1, noisy));
        }
    }

    /** Examples {@code first .. first + size - 1} as one batch. */
    public Batch batch(long first, int size) {
        float[] x = new float[size * FEATURES];
        int[] y = new int[size];
        for (int i = 0; i < size; i++) {
            y[i] = label(first + i);
            features(first + i, x, i * FEATURES);
        }
        return new Batch(x, y, size);
    }

    /** SplitMix64's finalizer over index and seed: neighbouring indices get unrelated streams. */
    private static long mix(long index, long seed) {
        long z = index * 0x9E3779B97F4A7C15L + seed;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
