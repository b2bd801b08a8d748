package dev.gantry.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the data of a line chart: one or more series against a common numeric x axis. Points
 * with a NaN or infinite coordinate are left out (a diverged step says nothing about where to
 * draw; JSON has no NaN either), long series are thinned by {@link Downsample}.
 */
final class LineChart {
    private final String id;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Chart.Series> series = new ArrayList<>();
    private final List<List<Point>> points = new ArrayList<>();
    private final List<Chart.Marker> markers = new ArrayList<>();
    private double low = Double.POSITIVE_INFINITY;
    private double high = Double.NEGATIVE_INFINITY;

    /** @param id the chart's element id, one of the report's own names */
    LineChart(String id, String title, String xLabel, String yLabel) {
        this.id = id;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** A line through many points, thinned to at most {@link Downsample#MAX_POINTS}. */
    LineChart line(String key, String label, String color, List<Point> line) {
        return add(new Chart.Series(key, label, color, false), Downsample.minMax(usable(line), Downsample.MAX_POINTS));
    }

    /** A line with a dot at each point, for a handful of points such as one per epoch. */
    LineChart dots(String key, String label, String color, List<Point> dots) {
        return add(new Chart.Series(key, label, color, true), usable(dots));
    }

    /**
     * Widens the x axis to at least [low, high], so that charts over the same steps line up with
     * each other even when one of them has points only at some steps.
     */
    LineChart xRange(double low, double high) {
        widen(low);
        widen(high);
        return this;
    }

    /** A dashed vertical line at {@code x}; drawn only when it falls inside the x axis. */
    LineChart marker(String key, String label, double x) {
        markers.add(new Chart.Marker(key, label, x));
        return this;
    }

    /** True when no series has a point to draw: show a sentence instead of empty axes. */
    boolean isEmpty() {
        return series.isEmpty();
    }

    Chart chart() {
        if (isEmpty()) {
            throw new IllegalStateException("nothing to plot in " + id);
        }
        return new Chart(id, Chart.LINE, title, xLabel, yLabel, List.of(ChartJson.number(low), ChartJson.number(high)),
                List.copyOf(series), Columns.align(points), List.copyOf(markers), List.of(), List.of());
    }

    private LineChart add(Chart.Series s, List<Point> kept) {
        if (!kept.isEmpty()) {
            series.add(s);
            points.add(kept);
            widen(kept.get(0).x());
            widen(kept.get(kept.size() - 1).x());
        }
        return this;
    }

    private void widen(double x) {
        low = Math.min(low, x);
        high = Math.max(high, x);
    }

    private static List<Point> usable(List<Point> points) {
        return points.stream().filter(Point::finite).sorted(Comparator.comparingDouble(Point::x)).toList();
    }
}
