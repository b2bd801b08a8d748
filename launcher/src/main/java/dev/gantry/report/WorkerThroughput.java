package dev.gantry.report;

public record WorkerThroughput(int rank, double samplesPerSecond, double computeFraction) {}
