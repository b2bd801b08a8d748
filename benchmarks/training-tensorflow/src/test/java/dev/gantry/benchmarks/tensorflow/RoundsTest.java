package dev.gantry.benchmarks.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.backend.Batch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsTest {

    @Test
    void alternatesWhichLoopGoesFirstAndCountsEverySample() {
        List<String> order = new ArrayList<>();
        TrainingLoop a = new Recording("a", order);
        TrainingLoop b = new Recording("b", order);
        Batch batch = new Batch(new float[6], new int[3], 3);
        double[][] rates = new Rounds(List.of(batch), 2).measure(List.of(a, b), 3);

        assertThat(order).containsExactly("a", "a", "b", "b", "b", "b", "a", "a", "a", "a", "b", "b");
        assertThat(rates).hasDimensions(2, 3);
        for (double[] loop : rates) {
            for (double rate : loop) {
                assertThat(rate).isPositive();
            }
        }
    }

    @Test
    void median() {
        assertThat(Rounds.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(Rounds.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    private record Recording(String name, List<String> order) implements TrainingLoop {
        @Override
        public float step(Batch batch) {
            order.add(name);
            return 0;
        }

        @Override
        public void close() {}
    }
}
