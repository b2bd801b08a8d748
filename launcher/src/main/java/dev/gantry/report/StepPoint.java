package dev.gantry.report;

public record StepPoint(long step, int epoch, double loss, double samplesPerSecond) {}
