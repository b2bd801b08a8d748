package dev.gantry.training.data;

/**
 * Paints strokes of a round pen onto a square grey image, anti-aliased: a pixel's ink falls off
 * linearly over the one pixel at the edge of the stroke, so thin and thick, slanted and upright
 * strokes all look smooth at 28 x 28. Overlapping strokes take the darker ink, as a pen does.
 */
final class StrokeRaster {
    private final int side;
    private final float[] ink;

    StrokeRaster(int side) {
        this.side = side;
        this.ink = new float[side * side];
    }

    /** A stroke through pixel coordinates x0, y0, x1, y1, ... (pixel (c, r) covers [c, c+1) x [r, r+1)). */
    void stroke(float[] points, double halfWidth, double darkness) {
        if (points.length == 2) {
            segment(points[0], points[1], points[0], points[1], halfWidth, darkness);
        }
        for (int i = 0; i + 3 < points.length; i += 2) {
            segment(points[i], points[i + 1], points[i + 2], points[i + 3], halfWidth, darkness);
        }
    }

    /** Row-major ink in [0, 1]. */
    float[] pixels() {
        return ink;
    }

    private void segment(double x0, double y0, double x1, double y1, double halfWidth, double darkness) {
        double reach = halfWidth + 0.5;
        int c0 = Math.max(0, (int) Math.floor(Math.min(x0, x1) - reach));
        int c1 = Math.min(side - 1, (int) Math.ceil(Math.max(x0, x1) + reach));
        int r0 = Math.max(0, (int) Math.floor(Math.min(y0, y1) - reach));
        int r1 = Math.min(side - 1, (int) Math.ceil(Math.max(y0, y1) + reach));
        double dx = x1 - x0;
        double dy = y1 - y0;
        double lengthSquared = dx * dx + dy * dy;
        for (int r = r0; r <= r1; r++) {
            double py = r + 0.5;
            for (int c = c0; c <= c1; c++) {
                double px = c + 0.5;
                double t = lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / lengthSquared));
                double ex = px - (x0 + t * dx);
                double ey = py - (y0 + t * dy);
                double coverage = Math.min(1, reach - Math.sqrt(ex * ex + ey * ey));
                if (coverage > 0) {
                    int i = r * side + c;
                    ink[i] = (float) Math.max(ink[i], coverage * darkness);
                }
            }
        }
    }
}
