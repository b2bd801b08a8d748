package dev.gantry.benchmarks.tensorflow;

import dev.gantry.training.backend.Batch;
import java.util.Arrays;
import java.util.List;

/**
 * Times loops in alternating rounds on the same batches, so that drift of the machine (turbo,
 * other load) hits both sides alike; the first side changes every round.
 */
final class Rounds {
    private final List<Batch> batches;
    private final int steps;

    Rounds(List<Batch> batches, int steps) {
        this.batches = List.copyOf(batches);
        this.steps = steps;
    }

    void warmUp(TrainingLoop loop, int warmUpSteps) {
        run(loop, warmUpSteps);
    }

    /** Samples per second of every round, {@code [loop][round]}. */
    double[][] measure(List<TrainingLoop> loops, int rounds) {
        double[][] samplesPerSecond = new double[loops.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < loops.size(); k++) {
                int which = (k + round) % loops.size();
                long start = System.nanoTime();
                int samples = run(loops.get(which), steps);
                samplesPerSecond[which][round] = samples / ((System.nanoTime() - start) / 1e9);
            }
        }
        return samplesPerSecond;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private int run(TrainingLoop loop, int count) {
        int samples = 0;
        float lossSum = 0;
        for (int s = 0; s < count; s++) {
            Batch batch = batches.get(s % batches.size());
            lossSum += loop.step(batch);
            samples += batch.size();
        }
        if (Float.isNaN(lossSum)) {
            throw new IllegalStateException(loop.name() + " diverged");
        }
        return samples;
    }
}
