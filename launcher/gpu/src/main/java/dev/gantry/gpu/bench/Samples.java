package dev.gantry.gpu.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Seconds per operation, one figure per timed batch. */
record Samples(List<Double> secondsPerOperation) {
    Samples {
        if (secondsPerOperation.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        secondsPerOperation = List.copyOf(secondsPerOperation);
    }

    int count() {
        return secondsPerOperation.size();
    }

    double bestSeconds() {
        return Collections.min(secondsPerOperation);
    }

    double medianSeconds() {
        List<Double> sorted = new ArrayList<>(secondsPerOperation);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
