package dev.gantry.report;

import java.util.List;

/**
 * One chart of the report as the page's script hands it to uPlot; serialized as JSON into the
 * page by {@link ChartJson}. Every field is present (lists may be empty), so that the script
 * never has to guess.
 *
 * @param id         the element the chart is drawn into, one of the report's own names
 * @param kind       {@code "line"} or {@code "bars"}
 * @param xRange     the x axis's [low, high]; shared by all step charts so that they line up
 * @param data       uPlot's aligned columns: the x values, then one column per series, null
 *                   where a series has no point at that x
 * @param categories for bars, the label of each x (0, 1, ...); empty for lines
 * @param notes      for bars, a short text over each bar or null; empty for lines
 */
record Chart(String id, String kind, String title, String xLabel, String yLabel, List<Number> xRange,
             List<Series> series, List<List<Number>> data, List<Marker> markers, List<String> categories,
             List<String> notes) {
    static final String LINE = "line";
    static final String BARS = "bars";

    /** @param dots draw a dot at each point: for a handful of points such as one per epoch */
    record Series(String key, String label, String color, boolean dots) {}

    /** A dashed vertical line at {@code x} across the chart, such as the step a run resumed from. */
    record Marker(String key, String label, double x) {}
}
