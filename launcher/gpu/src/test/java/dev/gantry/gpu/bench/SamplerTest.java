package dev.gantry.gpu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplerTest {
    /** A clock that moves only when the fake GPU works, as the real one would. */
    private long now;

    @Test
    void batchesRepeatTheOperationToLastAboutATenthOfASecondUntilTimeIsUp() {
        List<Integer> batches = new ArrayList<>();
        Sampler sampler = new Sampler(Duration.ofSeconds(2), () -> now);
        // 1 ms per operation on a GPU that gets slower after warming up.
        Samples samples = sampler.sample(repetitions -> {
            batches.add(repetitions);
            double seconds = repetitions * (batches.size() == 1 ? 0.005 : 0.001);
            now += (long) (seconds * 1e9);
            return seconds;
        });
        assertThat(batches.get(0)).as("warm-up").isEqualTo(1);
        assertThat(batches.get(1)).as("calibration").isEqualTo(1);
        assertThat(batches.subList(2, batches.size())).allMatch(n -> n == 100);
        // 2 s of 0.1 s batches, after the calibration.
        assertThat(samples.count()).isEqualTo(20);
        assertThat(samples.bestSeconds()).isCloseTo(0.001, within(1e-12));
    }

    @Test
    void aShortBudgetStillGivesThreeSamples() {
        Sampler sampler = new Sampler(Duration.ofMillis(1), () -> now);
        Samples samples = sampler.sample(repetitions -> {
            now += 1_000_000_000L;
            return repetitions * 0.5;
        });
        assertThat(samples.count()).isEqualTo(Sampler.MIN_SAMPLES);
    }

    @Test
    void repetitionsAreBoundedWhateverTheTiming() {
        Sampler sampler = new Sampler(Duration.ofSeconds(2), () -> now);
        assertThat(sampler.repetitionsFor(10)).isEqualTo(1);
        assertThat(sampler.repetitionsFor(0)).isEqualTo(1 << 20);
        assertThat(sampler.repetitionsFor(Double.NaN)).isEqualTo(1 << 20);
        assertThat(sampler.repetitionsFor(1e-9)).isEqualTo(1 << 20);
    }

    @Test
    void bestIsTheFastestBatchAndMedianTheMiddle() {
        Samples samples = new Samples(List.of(4.0, 1.0, 3.0, 2.0));
        assertThat(samples.bestSeconds()).isEqualTo(1.0);
        assertThat(samples.medianSeconds()).isEqualTo(2.5);
        assertThat(new Samples(List.of(5.0, 1.0, 3.0)).medianSeconds()).isEqualTo(3.0);
    }
}
