package dev.gantry.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * An SVG plot of one or more series against a common numeric x axis. Points with a NaN or
 * infinite coordinate are left out (a diverged step says nothing about where to draw), long series
 * are thinned, and each series is a {@code <g data-series=KEY>} so that pages and tests can find it.
 */
final class LinePlot {
    private static final double LEGEND_CHAR_WIDTH = 6.5;

    private record Series(String key, String label, String color, List<Point> points, boolean dots) {}

    private final String id;
    private final String title;
    private final String xName;
    private final String yName;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private double[] xRange;

    /** A vertical line at one x, such as the step a run resumed from. */
    private record Marker(String key, String label, double x) {}

    /** @param id the SVG's element id, one of the report's own names */
    LinePlot(String id, String title, String xName, String yName) {
        this.id = id;
        this.title = title;
        this.xName = xName;
        this.yName = yName;
    }

    /** A line through many points, thinned to at most {@link Downsample#MAX_POINTS}. */
    LinePlot line(String key, String label, String color, List<Point> points) {
        return add(new Series(key, label, color, Downsample.minMax(usable(points), Downsample.MAX_POINTS), false));
    }

    /** A line with a dot at each point, for a handful of points such as one per epoch. */
    LinePlot dots(String key, String label, String color, List<Point> points) {
        return add(new Series(key, label, color, usable(points), true));
    }

    /**
     * Widens the x axis to at least [low, high], so that plots over the same steps line up with
     * each other even when one of them has points only at some steps.
     */
    LinePlot xRange(double low, double high) {
        xRange = Scale.bounds(low, high);
        return this;
    }

    /** A dashed vertical line at {@code x} across the plot, labelled; drawn only with data beside it. */
    LinePlot marker(String key, String label, double x) {
        markers.add(new Marker(key, label, x));
        return this;
    }

    private LinePlot add(Series s) {
        if (!s.points().isEmpty()) {
            series.add(s);
        }
        return this;
    }

    /** True when no series has a point to draw: show a sentence instead of empty axes. */
    boolean isEmpty() {
        return series.isEmpty();
    }

    String svg() {
        if (isEmpty()) {
            throw new IllegalStateException("nothing to plot in " + id);
        }
        Scale x = scale(Point::x, xRange, true);
        Scale y = scale(Point::y, null, false);
        PlotFrame frame = new PlotFrame(id, title).yAxis(y, yName).xAxis(x, xName);
        for (Series s : series) {
            frame.append(marks(s, x, y));
        }
        for (Marker m : markers) {
            frame.append(marker(m, x));
        }
        if (series.size() > 1) {
            frame.append(legend());
        }
        return frame.close();
    }

    private Scale scale(ToDoubleFunction<Point> axis, double[] atLeast, boolean horizontal) {
        double low = atLeast == null ? Double.POSITIVE_INFINITY : atLeast[0];
        double high = atLeast == null ? Double.NEGATIVE_INFINITY : atLeast[1];
        for (Series s : series) {
            for (Point p : s.points()) {
                low = Math.min(low, axis.applyAsDouble(p));
                high = Math.max(high, axis.applyAsDouble(p));
            }
        }
        return horizontal ? PlotFrame.xScale(low, high) : PlotFrame.yScale(low, high);
    }

    private static String marks(Series s, Scale x, Scale y) {
        StringBuilder out = new StringBuilder(s.points().size() * 14 + 200);
        out.append("<g class=\"series\" data-series=\"").append(Html.escape(s.key())).append("\">");
        out.append("<title>").append(Html.escape(s.label())).append("</title>\n");
        if (s.points().size() > 1) {
            out.append("<polyline fill=\"none\" stroke=\"").append(s.color())
                    .append("\" stroke-width=\"1.5\" stroke-linejoin=\"round\" points=\"");
            for (Point p : s.points()) {
                out.append(Numbers.coord(x.map(p.x()))).append(',').append(Numbers.coord(y.map(p.y()))).append(' ');
            }
            out.setLength(out.length() - 1);
            out.append("\"/>\n");
        }
        // A single point draws no line at all, so it always gets a dot.
        if (s.dots() || s.points().size() == 1) {
            for (Point p : s.points()) {
                out.append("<circle r=\"3.5\" fill=\"").append(s.color()).append("\" cx=\"")
                        .append(Numbers.coord(x.map(p.x()))).append("\" cy=\"").append(Numbers.coord(y.map(p.y())))
                        .append("\"/>");
            }
            out.append('\n');
        }
        return out.append("</g>\n").toString();
    }

    private static String marker(Marker m, Scale x) {
        String px = Numbers.coord(x.map(m.x()));
        return "<g class=\"marker\" data-marker=\"" + Html.escape(m.key()) + "\"><title>" + Html.escape(m.label())
                + "</title><line x1=\"" + px + "\" x2=\"" + px + "\" y1=\"" + Numbers.coord(PlotFrame.TOP) + "\" y2=\""
                + Numbers.coord(PlotFrame.BOTTOM) + "\" stroke=\"#555\" stroke-dasharray=\"4 3\"/><text x=\""
                + Numbers.coord(x.map(m.x()) + 4) + "\" y=\"" + Numbers.coord(PlotFrame.TOP + 12) + "\">"
                + Html.escape(m.label()) + "</text></g>\n";
    }

    /** Right-aligned above the plot area, so that it never hides data. */
    private String legend() {
        StringBuilder out = new StringBuilder("<g class=\"legend\">");
        double right = PlotFrame.RIGHT;
        for (int i = series.size() - 1; i >= 0; i--) {
            Series s = series.get(i);
            double textWidth = s.label().length() * LEGEND_CHAR_WIDTH;
            double textX = right - textWidth;
            double y = PlotFrame.TOP - 10;
            out.append("<line x1=\"").append(Numbers.coord(textX - 22)).append("\" x2=\"")
                    .append(Numbers.coord(textX - 6)).append("\" y1=\"").append(Numbers.coord(y)).append("\" y2=\"")
                    .append(Numbers.coord(y)).append("\" stroke=\"").append(s.color())
                    .append("\" stroke-width=\"2\"/>");
            out.append("<text x=\"").append(Numbers.coord(textX)).append("\" y=\"").append(Numbers.coord(y))
                    .append("\" dominant-baseline=\"middle\">").append(Html.escape(s.label())).append("</text>");
            right = textX - 34;
        }
        return out.append("</g>\n").toString();
    }

    private static List<Point> usable(List<Point> points) {
        return points.stream().filter(Point::finite).sorted(Comparator.comparingDouble(Point::x)).toList();
    }
}
