package dev.gantry.benchmarks.dl4j;

import java.util.Arrays;

/** The samples of one figure across rounds, and their median. */
final class Rounds {
    private final double[] values;

    Rounds(int rounds) {
        this.values = new double[rounds];
    }

    void set(int round, double value) {
        values[round] = value;
    }

    double median() {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    double min() {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    double max() {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
