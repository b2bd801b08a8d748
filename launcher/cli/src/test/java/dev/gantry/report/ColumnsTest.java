package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnsTest {
    @Test
    void seriesAtDifferentXsShareOneXColumnWithGaps() {
        List<Point> steps = List.of(new Point(1, 0.5), new Point(2, 0.4), new Point(3, 0.3));
        List<Point> epochs = List.of(new Point(2, 0.45), new Point(4, 0.25));

        assertThat(Columns.align(List.of(steps, epochs))).containsExactly(
                List.of(1L, 2L, 3L, 4L),
                Arrays.asList(0.5, 0.4, 0.3, null),
                Arrays.asList(null, 0.45, null, 0.25));
    }

    @Test
    void anXASeriesHasTwiceGetsTwoRowsSoThatNoPointIsLost() {
        List<Point> replayed = List.of(new Point(1, 1), new Point(2, 0.8), new Point(2, 0.9), new Point(3, 0.7));
        List<Point> once = List.of(new Point(2, 5));

        assertThat(Columns.align(List.of(replayed, once))).containsExactly(
                List.of(1L, 2L, 2L, 3L),
                Arrays.asList(1L, 0.8, 0.9, 0.7),
                Arrays.asList(null, 5L, null, null));
    }

    @Test
    void noSeriesIsAnXColumnAlone() {
        assertThat(Columns.align(List.of())).containsExactly(List.of());
    }
}
