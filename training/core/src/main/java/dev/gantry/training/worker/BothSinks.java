package dev.gantry.training.worker;

/** Progress told to two sinks, the first first: a display, then what keeps it (an observer, TensorBoard). */
public record BothSinks(ProgressSink first, ProgressSink second) implements ProgressSink {
    @Override
    public void step(int epoch, long step, long totalSteps, double loss, double samplesPerSecond) {
        first.step(epoch, step, totalSteps, loss, samplesPerSecond);
        second.step(epoch, step, totalSteps, loss, samplesPerSecond);
    }

    @Override
    public void losses(StepLosses batch) {
        first.losses(batch);
        second.losses(batch);
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
