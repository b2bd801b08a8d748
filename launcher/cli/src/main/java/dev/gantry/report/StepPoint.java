package dev.gantry.report;

/** One training step as the driver saw it; loss and samples/s over all workers. */
public record StepPoint(long step, int epoch, double loss, double samplesPerSecond) {}
