package dev.gantry.report;

/**
 * How fast one worker trained.
 *
 * @param computeFraction in [0, 1]: the share of wall time spent computing rather than waiting on
 *                        all-reduce; NaN when unknown
 */
public record WorkerThroughput(int rank, double samplesPerSecond, double computeFraction) {}
