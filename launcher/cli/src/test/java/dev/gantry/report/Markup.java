package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pieces of the report's own markup, for unit tests (the browser test sees the rendered page). */
final class Markup {
    private static final Pattern COORDINATE =
            Pattern.compile("\\s(x|y|x1|x2|y1|y2|cx|cy|width|height)=\"([^\"]*)\"");
    private static final Pattern POINTS = Pattern.compile("\\spoints=\"([^\"]*)\"");

    private Markup() {}

    /** The {@code <svg id=ID>} element, failing when the page has none. */
    static String svg(String html, String id) {
        int start = html.indexOf("<svg id=\"" + id + "\"");
        assertThat(start).as("svg#%s in the page", id).isNotNegative();
        return html.substring(start, html.indexOf("</svg>", start) + 6);
    }

    /** The inner part of the first element that starts with {@code open}, up to {@code close}. */
    static String between(String html, String open, String close) {
        int start = html.indexOf(open);
        assertThat(start).as("%s in the page", open).isNotNegative();
        return html.substring(start, html.indexOf(close, start + open.length()) + close.length());
    }

    /** Every point of every polyline, as {x, y} pairs. */
    static List<double[]> polylinePoints(String svg) {
        List<double[]> points = new ArrayList<>();
        Matcher m = POINTS.matcher(svg);
        while (m.find()) {
            for (String pair : m.group(1).trim().split("\\s+")) {
                String[] xy = pair.split(",");
                points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
            }
        }
        return points;
    }

    /** Every x, y, width, height... attribute value and polyline coordinate, as written. */
    static List<String> coordinates(String svg) {
        List<String> values = new ArrayList<>();
        Matcher m = COORDINATE.matcher(svg);
        while (m.find()) {
            values.add(m.group(2));
        }
        Matcher p = POINTS.matcher(svg);
        while (p.find()) {
            for (String pair : p.group(1).trim().split("[\\s,]+")) {
                values.add(pair);
            }
        }
        return values;
    }

    /** The text of each {@code <text class="tick">} on the given axis ("x-axis" or "y-axis"). */
    static List<String> ticks(String svg, String axis) {
        String group = between(svg, "<g class=\"axis " + axis + "\">", "</g>");
        List<String> labels = new ArrayList<>();
        Matcher m = Pattern.compile("<text class=\"tick\"[^>]*>([^<]*)</text>").matcher(group);
        while (m.find()) {
            labels.add(m.group(1));
        }
        return labels;
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
