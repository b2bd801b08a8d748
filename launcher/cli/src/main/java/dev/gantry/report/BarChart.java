package dev.gantry.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the data of a bar chart, one bar per category in the order added. A bar whose value is
 * NaN or infinite keeps its place and label but has no value (null), and its note says "n/a".
 */
final class BarChart {
    /** @param note a short text over the bar (e.g. "83%"), or null */
    record Bar(String label, double value, String note) {}

    private final String id;
    private final String key;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final String color;
    private final List<Bar> bars = new ArrayList<>();

    /** @param key the one series' key, for pages and tests to find it */
    BarChart(String id, String key, String title, String xLabel, String yLabel, String color) {
        this.id = id;
        this.key = key;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.color = color;
    }

    BarChart bar(Bar bar) {
        bars.add(bar);
        return this;
    }

    boolean isEmpty() {
        return bars.isEmpty();
    }

    Chart chart() {
        if (isEmpty()) {
            throw new IllegalStateException("nothing to plot in " + id);
        }
        List<Number> xs = new ArrayList<>();
        List<Number> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            boolean finite = Double.isFinite(bar.value());
            xs.add(i);
            values.add(finite ? ChartJson.number(bar.value()) : null);
            labels.add(bar.label());
            notes.add(finite ? bar.note() : bar.note() == null ? "n/a" : "n/a, " + bar.note());
        }
        // Each bar is centred on its index; half a slot either side keeps the outer bars whole.
        List<Number> range = List.of(-0.5, bars.size() - 0.5);
        return new Chart(id, Chart.BARS, title, xLabel, yLabel, range,
                List.of(new Chart.Series(key, yLabel, color, false)), List.of(xs, values), List.of(), labels,
                notes);
    }
}
