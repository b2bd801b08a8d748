package dev.gantry.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Series with points at different x values, as uPlot's aligned columns: one x column that holds
 * every series' x values, and per series a column with its y at those rows and null elsewhere.
 * An x that one series has twice (a stage Spark retried replays its steps) gets two rows, so that
 * each series keeps every one of its points, in order.
 */
final class Columns {
    private Columns() {}

    /** @param series each ordered by x, finite coordinates only */
    static List<List<Number>> align(List<List<Point>> series) {
        List<List<Number>> columns = new ArrayList<>();
        List<Number> xs = new ArrayList<>();
        columns.add(xs);
        for (int s = 0; s < series.size(); s++) {
            columns.add(new ArrayList<>());
        }
        int[] next = new int[series.size()];
        while (true) {
            double x = Double.POSITIVE_INFINITY;
            for (int s = 0; s < series.size(); s++) {
                if (next[s] < series.get(s).size()) {
                    x = Math.min(x, series.get(s).get(next[s]).x());
                }
            }
            if (x == Double.POSITIVE_INFINITY) {
                return columns;
            }
            xs.add(ChartJson.number(x));
            for (int s = 0; s < series.size(); s++) {
                List<Point> points = series.get(s);
                boolean here = next[s] < points.size() && points.get(next[s]).x() == x;
                columns.get(s + 1).add(here ? ChartJson.number(points.get(next[s]++).y()) : null);
            }
        }
    }
}
