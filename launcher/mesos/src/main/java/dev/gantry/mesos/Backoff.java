package dev.gantry.mesos;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Delays between SUBSCRIBE attempts: exponential from {@code initial} up to {@code max}, with
 * jitter so that many schedulers losing one master do not all hit the next leader at the same
 * moment. The n-th delay (from 0) lies in [max(initial, c/2), c] where c = min(max, initial·2^n).
 * Not thread-safe: one subscription loop owns it.
 */
final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private final RandomGenerator random;
    private int attempt;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        validate(initial, max);
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    Backoff(Duration initial, Duration max) {
        this(initial, max, new SplittableRandom());
    }

    static void validate(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive: " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("maximum backoff " + max + " is below the initial " + initial);
        }
    }

    /** The delay before the next attempt; each call backs off further. */
    Duration next() {
        long ceiling = ceiling(attempt);
        if (ceiling < maxNanos) {
            attempt++;
        }
        long floor = Math.max(initialNanos, ceiling / 2);
        long jitter = ceiling > floor ? random.nextLong(ceiling - floor + 1) : 0;
        return Duration.ofNanos(floor + jitter);
    }

    /** Back to the initial delay, after a subscription succeeded. */
    void reset() {
        attempt = 0;
    }

    private long ceiling(int n) {
        // initial * 2^n without overflow: stop doubling once it passes max.
        if (n >= 63 || initialNanos > (maxNanos >> n)) {
            return maxNanos;
        }
        return Math.min(maxNanos, initialNanos << n);
    }
}
