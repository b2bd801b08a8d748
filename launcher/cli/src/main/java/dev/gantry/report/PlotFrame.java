package dev.gantry.report;

/**
 * What every plot of the report shares: the canvas, the plot area, the title, the axes with
 * their ticks and labels. Fixed user units (the page scales the SVG), so that the builders place
 * marks in one coordinate system and the browser test can compare them against the frame.
 */
final class PlotFrame {
    static final double WIDTH = 640;
    static final double HEIGHT = 300;
    static final double LEFT = 70;
    static final double RIGHT = WIDTH - 20;
    static final double TOP = 48;
    static final double BOTTOM = HEIGHT - 46;

    private final StringBuilder svg = new StringBuilder(4096);

    /** Opens the SVG with its title; {@code id} is the report's own, never user text. */
    PlotFrame(String id, String title) {
        svg.append("<svg id=\"").append(id).append("\" class=\"plot\" viewBox=\"0 0 ")
                .append(Numbers.coord(WIDTH)).append(' ').append(Numbers.coord(HEIGHT))
                .append("\" width=\"").append(Numbers.coord(WIDTH)).append("\" height=\"")
                .append(Numbers.coord(HEIGHT)).append("\" role=\"img\" aria-label=\"")
                .append(Html.escape(title)).append("\">\n");
        svg.append("<text class=\"title\" x=\"").append(Numbers.coord(WIDTH / 2))
                .append("\" y=\"20\" text-anchor=\"middle\">").append(Html.escape(title)).append("</text>\n");
        svg.append("<rect class=\"frame\" x=\"").append(Numbers.coord(LEFT)).append("\" y=\"")
                .append(Numbers.coord(TOP)).append("\" width=\"").append(Numbers.coord(RIGHT - LEFT))
                .append("\" height=\"").append(Numbers.coord(BOTTOM - TOP)).append("\"/>\n");
    }

    static Scale xScale(double low, double high) {
        return Scale.of(low, high, LEFT, RIGHT);
    }

    static Scale yScale(double low, double high) {
        return Scale.of(low, high, BOTTOM, TOP);
    }

    /** Horizontal grid lines with tick labels on the left, and the axis name along it. */
    PlotFrame yAxis(Scale y, String name) {
        svg.append("<g class=\"axis y-axis\">\n");
        for (double tick : y.ticks()) {
            String at = Numbers.coord(y.map(tick));
            svg.append("<line class=\"grid\" x1=\"").append(Numbers.coord(LEFT)).append("\" x2=\"")
                    .append(Numbers.coord(RIGHT)).append("\" y1=\"").append(at).append("\" y2=\"").append(at)
                    .append("\"/>");
            svg.append("<text class=\"tick\" x=\"").append(Numbers.coord(LEFT - 6)).append("\" y=\"").append(at)
                    .append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
                    .append(Html.escape(y.label(tick))).append("</text>\n");
        }
        double middle = (TOP + BOTTOM) / 2;
        svg.append("<text class=\"axis-label\" x=\"16\" y=\"").append(Numbers.coord(middle))
                .append("\" text-anchor=\"middle\" transform=\"rotate(-90 16 ").append(Numbers.coord(middle))
                .append(")\">").append(Html.escape(name)).append("</text>\n</g>\n");
        return this;
    }

    /** Tick marks with labels under the plot area, and the axis name under them. */
    PlotFrame xAxis(Scale x, String name) {
        svg.append("<g class=\"axis x-axis\">\n");
        for (double tick : x.ticks()) {
            xTick(x.map(tick), x.label(tick));
        }
        xName(name);
        svg.append("</g>\n");
        return this;
    }

    /** One labelled category under the plot area, for bar plots. */
    PlotFrame xCategory(double at, String label) {
        xTick(at, label);
        return this;
    }

    PlotFrame xName(String name) {
        svg.append("<text class=\"axis-label\" x=\"").append(Numbers.coord((LEFT + RIGHT) / 2)).append("\" y=\"")
                .append(Numbers.coord(HEIGHT - 8)).append("\" text-anchor=\"middle\">").append(Html.escape(name))
                .append("</text>\n");
        return this;
    }

    private void xTick(double at, String label) {
        String x = Numbers.coord(at);
        svg.append("<line class=\"tick-mark\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"")
                .append(Numbers.coord(BOTTOM)).append("\" y2=\"").append(Numbers.coord(BOTTOM + 5)).append("\"/>");
        svg.append("<text class=\"tick\" x=\"").append(x).append("\" y=\"").append(Numbers.coord(BOTTOM + 18))
                .append("\" text-anchor=\"middle\">").append(Html.escape(label)).append("</text>\n");
    }

    /** Raw marks, already escaped by the caller. */
    PlotFrame append(CharSequence marks) {
        svg.append(marks);
        return this;
    }

    String close() {
        return svg.append("</svg>\n").toString();
    }
}
