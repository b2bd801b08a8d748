package dev.gantry.training.worker;

/**
 * Where worker 0 reports progress while training; the driver shows it and keeps it. Calls must
 * not block for long.
 *
 * <p>A worker's sink hears {@link #step} for every step. The driver's hears it a few times a
 * second, as the display needs, and every step's loss through {@link #losses} instead.
 */
public interface ProgressSink {
    ProgressSink NONE = new ProgressSink() {
        @Override
        public void step(int epoch, long step, long totalSteps, double loss, double samplesPerSecond) {
        }

        @Override
        public void epoch(EpochMetrics metrics) {
        }
    };

    void step(int epoch, long step, long totalSteps, double loss, double samplesPerSecond);

    void epoch(EpochMetrics metrics);

    /** Every step's loss, in batches of consecutive steps (on the driver; a worker's sink is never told). */
    default void losses(StepLosses batch) {
    }

    /** A line for the job's log, such as where training resumed. */
    default void note(String line) {
    }
}
