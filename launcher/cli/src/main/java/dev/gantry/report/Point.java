package dev.gantry.report;

/** One data point of a plot, in data units. */
record Point(double x, double y) {
    boolean finite() {
        return Double.isFinite(x) && Double.isFinite(y);
    }
}
