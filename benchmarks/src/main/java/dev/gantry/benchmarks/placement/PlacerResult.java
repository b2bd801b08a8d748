package dev.gantry.benchmarks.placement;

import java.util.Arrays;

/**
 * One placer's figures for one cluster: time per round, executors and gangs placed out of
 * those asked for, GPUs placed (the GPUs placed executors asked for), and GPUs stranded at the
 * end ({@link StrandedGpus}).
 */
public record PlacerResult(String placer, long[] roundNanos, int executorsPlaced, int executorsRequested,
                           int gangsPlaced, int gangsRequested, int gpusPlaced, int gpusOverGranted,
                           int gpusSquatted) {
    public PlacerResult {
        roundNanos = roundNanos.clone();
    }

    public int gpusStranded() {
        return gpusOverGranted + gpusSquatted;
    }

    public double medianMillis() {
        return percentileMillis(50);
    }

    public double p95Millis() {
        return percentileMillis(95);
    }

    /** The nearest-rank percentile of the round times, in milliseconds. */
    public double percentileMillis(int percentile) {
        if (roundNanos.length == 0) {
            return 0;
        }
        long[] sorted = roundNanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    @Override
    public long[] roundNanos() {
        return roundNanos.clone();
    }
}
