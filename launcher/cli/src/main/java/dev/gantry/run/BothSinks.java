package dev.gantry.run;

import dev.gantry.training.worker.EpochMetrics;
import dev.gantry.training.worker.ProgressSink;

/** Progress told to two sinks, the display first. */
record BothSinks(ProgressSink first, ProgressSink second) implements ProgressSink {
    @Override
    public void step(int epoch, long step, long totalSteps, double loss, double samplesPerSecond) {
        first.step(epoch, step, totalSteps, loss, samplesPerSecond);
        second.step(epoch, step, totalSteps, loss, samplesPerSecond);
    }

    @Override
    public void epoch(EpochMetrics metrics) {
        first.epoch(metrics);
        second.epoch(metrics);
    }

    @Override
    public void note(String line) {
        first.note(line);
        second.note(line);
    }
}
