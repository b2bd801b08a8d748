package dev.gantry.gpu.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Times an operation in batches until its time is up. One GPU copy can take microseconds, below
 * what an event pair resolves well, so each batch repeats the operation enough times to last about
 * {@link #batchSeconds}; the first call warms up (context, page tables, JIT) and is not counted.
 */
final class Sampler {
    /** Times {@code repetitions} back-to-back operations; returns seconds. */
    interface BatchTimer {
        double seconds(int repetitions);
    }

    static final int MIN_SAMPLES = 3;
    static final int MAX_SAMPLES = 1000;
    private static final int MAX_REPETITIONS = 1 << 20;

    private final Duration budget;
    private final double batchSeconds;
    private final LongSupplier nanoTime;

    Sampler(Duration budget, LongSupplier nanoTime) {
        this.budget = budget;
        // At least MIN_SAMPLES batches fit in the budget; none longer than a tenth of a second.
        this.batchSeconds = Math.min(0.1, budget.toNanos() / 1e9 / (MIN_SAMPLES * 2));
        this.nanoTime = nanoTime;
    }

    double batchSeconds() {
        return batchSeconds;
    }

    Samples sample(BatchTimer timer) {
        timer.seconds(1);
        int repetitions = repetitionsFor(timer.seconds(1));
        long deadline = nanoTime.getAsLong() + budget.toNanos();
        List<Double> perOperation = new ArrayList<>();
        do {
            perOperation.add(timer.seconds(repetitions) / repetitions);
        } while (perOperation.size() < MAX_SAMPLES
                && (perOperation.size() < MIN_SAMPLES || nanoTime.getAsLong() < deadline));
        return new Samples(perOperation);
    }

    /** How many operations of {@code oneSeconds} each fill a batch. */
    int repetitionsFor(double oneSeconds) {
        if (!(oneSeconds > 0)) {
            return MAX_REPETITIONS;
        }
        return (int) Math.max(1, Math.min(MAX_REPETITIONS, Math.round(batchSeconds / oneSeconds)));
    }
}
