package dev.gantry.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Thins a long series before it goes into the page. uPlot would draw a million points quickly,
 * but the report carries its data as JSON: a million-step run would make a report of tens of
 * megabytes, while a chart a few hundred pixels wide cannot show more than a couple of thousand
 * points anyway. Keeps each bucket's lowest and highest point rather than averaging, so that loss
 * spikes, the thing people look for, survive.
 */
final class Downsample {
    /** The default bound for a plot's line. */
    static final int MAX_POINTS = 2000;

    private Downsample() {}

    /**
     * At most {@code max} points of {@code points} (ordered by x), in their order, always the first
     * and the last, and the lowest and highest y of each of (max - 2) / 2 equal buckets between.
     */
    static List<Point> minMax(List<Point> points, int max) {
        if (max < 4) {
            throw new IllegalArgumentException("need room for at least 4 points, got " + max);
        }
        int n = points.size();
        if (n <= max) {
            return points;
        }
        List<Point> out = new ArrayList<>(max);
        out.add(points.get(0));
        int interior = n - 2;
        int buckets = (max - 2) / 2;
        for (int b = 0; b < buckets; b++) {
            int from = 1 + (int) ((long) b * interior / buckets);
            int to = 1 + (int) ((long) (b + 1) * interior / buckets);
            int low = from;
            int high = from;
            for (int i = from + 1; i < to; i++) {
                if (points.get(i).y() < points.get(low).y()) {
                    low = i;
                }
                if (points.get(i).y() > points.get(high).y()) {
                    high = i;
                }
            }
            if (to > from) {
                out.add(points.get(Math.min(low, high)));
                if (low != high) {
                    out.add(points.get(Math.max(low, high)));
                }
            }
        }
        out.add(points.get(n - 1));
        return out;
    }
}
