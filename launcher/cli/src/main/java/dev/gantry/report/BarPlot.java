package dev.gantry.report;

import java.util.ArrayList;
import java.util.List;

/**
 * An SVG bar plot, one bar per category, bars growing from zero. A bar whose value is NaN or
 * infinite keeps its place and label but gets no rectangle, and says "n/a" instead.
 */
final class BarPlot {
    /** Past this many bars, only every n-th category is labelled, so that labels do not overlap. */
    private static final int MAX_LABELS = 32;
    /** Past this many bars, notes would overlap their neighbours; the tooltip still has them. */
    private static final int MAX_NOTES = 16;

    /**
     * @param key   the bar's {@code data-key}, for pages and tests to find it
     * @param note  a short text over the bar (e.g. "83% compute"), or null
     */
    record Bar(String label, double value, String note, String key) {}

    private final String id;
    private final String title;
    private final String xName;
    private final String yName;
    private final String color;
    private final List<Bar> bars = new ArrayList<>();

    BarPlot(String id, String title, String xName, String yName, String color) {
        this.id = id;
        this.title = title;
        this.xName = xName;
        this.yName = yName;
        this.color = color;
    }

    BarPlot bar(Bar bar) {
        bars.add(bar);
        return this;
    }

    boolean isEmpty() {
        return bars.isEmpty();
    }

    String svg() {
        if (isEmpty()) {
            throw new IllegalStateException("nothing to plot in " + id);
        }
        double[] values = new double[bars.size() + 1];
        for (int i = 0; i < bars.size(); i++) {
            values[i] = bars.get(i).value();
        }
        values[bars.size()] = 0; // bars grow from zero, so zero is always on the axis
        double[] bounds = Scale.bounds(values);
        Scale y = PlotFrame.yScale(bounds[0], bounds[1]);
        PlotFrame frame = new PlotFrame(id, title).yAxis(y, yName);
        double slot = (PlotFrame.RIGHT - PlotFrame.LEFT) / bars.size();
        int labelEvery = (bars.size() + MAX_LABELS - 1) / MAX_LABELS;
        StringBuilder marks = new StringBuilder("<g class=\"bars\">\n");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double center = PlotFrame.LEFT + slot * (i + 0.5);
            if (i % labelEvery == 0) {
                frame.xCategory(center, bar.label());
            }
            marks.append(rect(bar, center, slot * 0.6, y, bars.size() <= MAX_NOTES));
        }
        frame.xName(xName);
        return frame.append(marks.append("</g>\n")).close();
    }

    private String rect(Bar bar, double center, double width, Scale y, boolean showNote) {
        StringBuilder out = new StringBuilder();
        double zero = y.map(0);
        String note = bar.note();
        double noteY = zero - 4;
        if (Double.isFinite(bar.value())) {
            double top = Math.min(zero, y.map(bar.value()));
            double height = Math.abs(zero - y.map(bar.value()));
            out.append("<rect class=\"bar\" data-key=\"").append(Html.escape(bar.key())).append("\" x=\"")
                    .append(Numbers.coord(center - width / 2)).append("\" y=\"").append(Numbers.coord(top))
                    .append("\" width=\"").append(Numbers.coord(width)).append("\" height=\"")
                    .append(Numbers.coord(height)).append("\" fill=\"").append(color).append("\"><title>")
                    .append(Html.escape(bar.label())).append(": ").append(Numbers.value(bar.value()))
                    .append(note == null ? "" : ", " + Html.escape(note)).append("</title></rect>\n");
            noteY = top - 4;
        } else {
            note = note == null ? "n/a" : "n/a, " + note;
        }
        if (note != null && showNote) {
            out.append("<text class=\"bar-note\" x=\"").append(Numbers.coord(center)).append("\" y=\"")
                    .append(Numbers.coord(Math.max(PlotFrame.TOP - 2, noteY))).append("\" text-anchor=\"middle\">")
                    .append(Html.escape(note)).append("</text>\n");
        }
        return out.toString();
    }
}
