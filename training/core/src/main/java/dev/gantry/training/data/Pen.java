package dev.gantry.training.data;

import java.util.Arrays;

/**
 * Draws one stroke as a polyline in glyph coordinates (y grows downwards, a digit is about one
 * unit tall and centred on 0). Curves become short segments, fine enough that the stroke still
 * looks round after being scaled to 28 pixels.
 */
final class Pen {
    private static final double STEP_DEGREES = 12;
    private static final int CURVE_SEGMENTS = 10;

    private float[] points = new float[32];
    private int size;

    private Pen() {}

    static Pen at(double x, double y) {
        return new Pen().lineTo(x, y);
    }

    /** A stroke that starts with an arc, see {@link #arc}. */
    static Pen startArc(double cx, double cy, double rx, double ry, double fromDegrees, double toDegrees) {
        return new Pen().arc(cx, cy, rx, ry, fromDegrees, toDegrees);
    }

    Pen lineTo(double x, double y) {
        add(x, y);
        return this;
    }

    /**
     * Continues along the ellipse around ({@code cx}, {@code cy}) from angle {@code fromDegrees} to
     * {@code toDegrees} (0 = right, 90 = down, since y grows downwards); a pen already on paper
     * first moves straight to the arc's start.
     */
    Pen arc(double cx, double cy, double rx, double ry, double fromDegrees, double toDegrees) {
        int steps = Math.max(1, (int) Math.ceil(Math.abs(toDegrees - fromDegrees) / STEP_DEGREES));
        for (int i = 0; i <= steps; i++) {
            double t = Math.toRadians(fromDegrees + (toDegrees - fromDegrees) * i / steps);
            add(cx + rx * Math.cos(t), cy + ry * Math.sin(t));
        }
        return this;
    }

    /** A quadratic Bezier curve from where the pen is, pulled towards ({@code cx}, {@code cy}). */
    Pen curveTo(double cx, double cy, double x, double y) {
        double x0 = points[size - 2];
        double y0 = points[size - 1];
        for (int i = 1; i <= CURVE_SEGMENTS; i++) {
            double t = (double) i / CURVE_SEGMENTS;
            double u = 1 - t;
            add(u * u * x0 + 2 * u * t * cx + t * t * x, u * u * y0 + 2 * u * t * cy + t * t * y);
        }
        return this;
    }

    /** The stroke's points as x0, y0, x1, y1, ... */
    float[] stroke() {
        return Arrays.copyOf(points, size);
    }

    private void add(double x, double y) {
        if (size + 2 > points.length) {
            points = Arrays.copyOf(points, points.length * 2);
        }
        points[size++] = (float) x;
        points[size++] = (float) y;
    }
}
