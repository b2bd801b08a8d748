package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Pieces of the report's own markup, for unit tests (the browser test sees the rendered page). */
final class Markup {
    private static final String DATA_OPEN = "<script type=\"application/json\" id=\"chart-data\">";

    private Markup() {}

    /** The inner part of the first element that starts with {@code open}, up to {@code close}. */
    static String between(String html, String open, String close) {
        int start = html.indexOf(open);
        assertThat(start).as("%s in the page", open).isNotNegative();
        return html.substring(start, html.indexOf(close, start + open.length()) + close.length());
    }

    /** The text of the page's chart data block, as written. */
    static String chartDataText(String html) {
        String block = between(html, DATA_OPEN, "</script>");
        return block.substring(DATA_OPEN.length(), block.length() - "</script>".length());
    }

    /** The page's chart data, parsed: an array of charts. */
    static JsonNode chartData(String html) {
        try {
            return new ObjectMapper().readTree(chartDataText(html));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chart {@code id} in the page's chart data, failing when there is none. */
    static JsonNode chart(String html, String id) {
        for (JsonNode chart : chartData(html)) {
            if (chart.path("id").asText().equals(id)) {
                return chart;
            }
        }
        throw new AssertionError("no chart " + id + " in the page's chart data");
    }

    /** The points of series {@code key} of a chart: its non-null rows with their x. */
    static List<Point> points(JsonNode chart, String key) {
        JsonNode series = chart.path("series");
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i).path("key").asText().equals(key)) {
                JsonNode xs = chart.path("data").get(0);
                JsonNode ys = chart.path("data").get(i + 1);
                assertThat(ys).as("rows of %s", key).hasSize(xs.size());
                List<Point> points = new ArrayList<>();
                for (int row = 0; row < xs.size(); row++) {
                    if (!ys.get(row).isNull()) {
                        points.add(new Point(xs.get(row).asDouble(), ys.get(row).asDouble()));
                    }
                }
                return points;
            }
        }
        throw new AssertionError("no series " + key + " in " + chart.path("id"));
    }

    /** The keys of a chart's series, in order. */
    static List<String> seriesKeys(JsonNode chart) {
        List<String> keys = new ArrayList<>();
        chart.path("series").forEach(s -> keys.add(s.path("key").asText()));
        return keys;
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
