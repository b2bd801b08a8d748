package dev.gantry.training.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.backend.Batch;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShardTest {
    private static final int FEATURES = 3;
    /** Example i has features (i, 10 i, 100 i) and label i mod 7. */
    private static final Shard SHARD = shard(20, FEATURES);
    private static final int[] ORDER = SHARD.order(true, 5);

    @Test
    void aReusedBatchHoldsWhatAFreshOneHoldsInTheSameArrays() {
        Batch first = SHARD.batch(ORDER, 0, 8);
        Batch refilled = SHARD.batch(ORDER, 8, 8, first);

        assertThat(refilled.features()).isSameAs(first.features());
        assertThat(refilled.labels()).isSameAs(first.labels());
        assertSameExamples(refilled, SHARD.batch(ORDER, 8, 8));
    }

    @Test
    void aSmallerBatchReusesTheArraysAndALargerOneGetsItsOwn() {
        Batch full = SHARD.batch(ORDER, 0, 8);

        Batch tail = SHARD.batch(ORDER, 16, 4, full);
        assertThat(tail.size()).isEqualTo(4);
        assertThat(tail.features()).isSameAs(full.features());
        assertSameExamples(tail, SHARD.batch(ORDER, 16, 4));

        Batch larger = SHARD.batch(ORDER, 4, 12, tail);
        assertThat(larger.features()).isNotSameAs(full.features()).hasSize(12 * FEATURES);
        assertThat(larger.labels()).isNotSameAs(full.labels()).hasSize(12);
        assertSameExamples(larger, SHARD.batch(ORDER, 4, 12));
    }

    @Test
    void aBatchOfAnotherWidthIsNotReused() {
        Batch narrow = shard(20, 2).batch(ORDER, 0, 8);

        Batch mine = SHARD.batch(ORDER, 0, 4, narrow);

        assertThat(mine.features()).isNotSameAs(narrow.features());
        assertThat(mine.featureCount()).isEqualTo(FEATURES);
        assertSameExamples(mine, SHARD.batch(ORDER, 0, 4));
    }

    private static void assertSameExamples(Batch actual, Batch expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        int n = expected.size();
        assertThat(Arrays.copyOf(actual.features(), n * FEATURES)).containsExactly(expected.features());
        assertThat(Arrays.copyOf(actual.labels(), n)).containsExactly(expected.labels());
    }

    private static Shard shard(int examples, int features) {
        float[] x = new float[examples * features];
        int[] y = new int[examples];
        for (int i = 0; i < examples; i++) {
            for (int f = 0; f < features; f++) {
                x[i * features + f] = i * (float) Math.pow(10, f);
            }
            y[i] = i % 7;
        }
        return new Shard(x, y, features);
    }
}
