package dev.gantry.training.worker;

/** Where worker 0 reports progress while training; the driver shows it. Calls must not block for long. */
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

    /** A line for the job's log, such as where training resumed. */
    default void note(String line) {
    }
}
