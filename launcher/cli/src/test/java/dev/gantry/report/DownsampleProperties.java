package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class DownsampleProperties {
    @Property(tries = 300)
    void keepsAtMostMaxPointsInOrderWithEndsAndExtremes(@ForAll @Size(min = 61, max = 400) List<Double> ys,
                                                        @ForAll @IntRange(min = 4, max = 60) int max) {
        List<Point> points = points(ys);

        List<Point> kept = Downsample.minMax(points, max);

        assertThat(kept).hasSizeLessThanOrEqualTo(max)
                .isSortedAccordingTo(Comparator.comparingDouble(Point::x)).doesNotHaveDuplicates();
        assertThat(points).containsAll(kept);
        assertThat(kept.get(0)).isEqualTo(points.get(0));
        assertThat(kept.get(kept.size() - 1)).isEqualTo(points.get(points.size() - 1));
        assertThat(kept.stream().mapToDouble(Point::y).max().orElseThrow())
                .isEqualTo(points.stream().mapToDouble(Point::y).max().orElseThrow());
        assertThat(kept.stream().mapToDouble(Point::y).min().orElseThrow())
                .isEqualTo(points.stream().mapToDouble(Point::y).min().orElseThrow());
    }

    @Property(tries = 100)
    void leavesSeriesWithinTheBoundAlone(@ForAll @Size(max = 60) List<Double> ys,
                                         @ForAll @IntRange(min = 60, max = 100) int max) {
        List<Point> points = points(ys);

        assertThat(Downsample.minMax(points, max)).isEqualTo(points);
    }

    private static List<Point> points(List<Double> ys) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < ys.size(); i++) {
            points.add(new Point(i, ys.get(i)));
        }
        return points;
    }
}
