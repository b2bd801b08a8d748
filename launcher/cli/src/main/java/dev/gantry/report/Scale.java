package dev.gantry.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear axis: a data range widened to round tick values, mapped onto a pixel range. Never
 * has zero span (one point, or all-equal values, get a band around them), and works in halves so
 * that a range from -Double.MAX_VALUE to Double.MAX_VALUE does not overflow to infinity.
 */
final class Scale {
    private static final int TARGET_TICKS = 5;
    /** Far above the subnormal range, where halving and dividing lose all precision. */
    private static final double TINY = 1e-300;

    private final double min;
    private final double max;
    private final double spacing;
    private final double pixelFrom;
    private final double pixelTo;

    private Scale(double min, double max, double spacing, double pixelFrom, double pixelTo) {
        this.min = min;
        this.max = max;
        this.spacing = spacing;
        this.pixelFrom = pixelFrom;
        this.pixelTo = pixelTo;
    }

    /**
     * @param low,high finite data bounds, low <= high
     * @param pixelFrom where {@code low} lands; may exceed {@code pixelTo} (a y axis grows upwards)
     */
    static Scale of(double low, double high, double pixelFrom, double pixelTo) {
        if (!(Double.isFinite(low) && Double.isFinite(high) && low <= high)) {
            throw new IllegalArgumentException("scale needs finite low <= high, got " + low + ", " + high);
        }
        double magnitude = Math.max(Math.abs(low), Math.abs(high));
        if (halfSpan(low, high) <= magnitude * 1e-9 || halfSpan(low, high) < TINY) {
            // Too narrow for readable ticks (one point, a constant loss): widen by 10% of the
            // magnitude, or by 1 around zero (and around subnormal values, whose spans vanish).
            double pad = magnitude > TINY ? magnitude * 0.1 : 1;
            low = Math.max(-Double.MAX_VALUE, low - pad);
            high = Math.min(Double.MAX_VALUE, high + pad);
        }
        double spacing = nice(halfSpan(low, high) * 2 / TARGET_TICKS);
        double niceLow = Math.floor(low / spacing) * spacing;
        double niceHigh = Math.ceil(high / spacing) * spacing;
        if (Double.isFinite(spacing) && Double.isFinite(niceLow) && Double.isFinite(niceHigh)
                && niceHigh > niceLow) {
            low = niceLow;
            high = niceHigh;
        } else {
            spacing = Double.NaN;
        }
        return new Scale(low, high, spacing, pixelFrom, pixelTo);
    }

    /** Bounds of the finite values among {@code values}, or null when there are none. */
    static double[] bounds(double... values) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        return low <= high ? new double[] {low, high} : null;
    }

    double map(double v) {
        double t = (v / 2 - min / 2) / halfSpan(min, max);
        return pixelFrom + t * (pixelTo - pixelFrom);
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    /** Round values from min to max, at most a dozen; just the two ends when the range is too wide for steps. */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (!Double.isFinite(spacing)) {
            ticks.add(min);
            ticks.add(max);
            return ticks;
        }
        long first = Math.round(min / spacing);
        long last = Math.round(max / spacing);
        for (long i = first; i <= last && ticks.size() < 12; i++) {
            ticks.add(i * spacing);
        }
        return ticks;
    }

    String label(double tick) {
        return Numbers.tick(tick, Double.isFinite(spacing) ? spacing : Math.abs(max - min));
    }

    private static double halfSpan(double low, double high) {
        return high / 2 - low / 2;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double nice(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw * (1 - 1e-9)) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
