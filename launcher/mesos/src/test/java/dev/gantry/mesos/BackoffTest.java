package dev.gantry.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class BackoffTest {

    @Property
    void everyDelayLiesBetweenInitialAndMax(@ForAll @LongRange(min = 1, max = 10_000) long initialMillis,
                                            @ForAll @LongRange(min = 1, max = 1_000) long factor,
                                            @ForAll @IntRange(min = 1, max = 100) int attempts,
                                            @ForAll long seed) {
        Duration initial = Duration.ofMillis(initialMillis);
        Duration max = initial.multipliedBy(factor);
        Backoff backoff = new Backoff(initial, max, new SplittableRandom(seed));
        for (int i = 0; i < attempts; i++) {
            assertThat(backoff.next()).isBetween(initial, max);
        }
    }

    @Property
    void delaysGrowExponentiallyUntilTheMax(@ForAll @LongRange(min = 1, max = 1_000) long initialMillis,
                                            @ForAll @IntRange(min = 0, max = 70) int attempt,
                                            @ForAll long seed) {
        Duration initial = Duration.ofMillis(initialMillis);
        Duration max = Duration.ofSeconds(30).plus(initial);
        Backoff backoff = new Backoff(initial, max, new SplittableRandom(seed));
        Duration delay = Duration.ZERO;
        for (int i = 0; i <= attempt; i++) {
            delay = backoff.next();
        }
        Duration ceiling = attempt >= 40 ? max : min(max, initial.multipliedBy(1L << attempt));
        assertThat(delay).isLessThanOrEqualTo(ceiling).isGreaterThanOrEqualTo(max(initial, ceiling.dividedBy(2)));
    }

    @Property
    void resetStartsOverAtTheInitialDelay(@ForAll @IntRange(min = 1, max = 50) int attempts, @ForAll long seed) {
        Duration initial = Duration.ofMillis(500);
        Backoff backoff = new Backoff(initial, Duration.ofSeconds(30), new SplittableRandom(seed));
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            delays.add(backoff.next());
        }
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(initial);
        assertThat(delays.get(0)).isEqualTo(initial);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
