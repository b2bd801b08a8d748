package dev.gantry.training.tensorboard;

import dev.gantry.training.worker.EpochMetrics;
import dev.gantry.training.worker.ProgressSink;
import dev.gantry.training.worker.StepLosses;

/**
 * A job's progress as TensorBoard scalars, at the steps the progress display counts (1 to the
 * job's total): {@value #LOSS} for every step, {@value #SAMPLES_PER_SECOND} a few times a second,
 * and per epoch {@value #EPOCH_LOSS} (the epoch's mean), {@value #VALIDATION_ACCURACY} and
 * {@value #VALIDATION_LOSS} (with validation data only). Each batch reaches the disk at once, so a
 * live run is there to watch. Told from several progress connections at once (a retried attempt's
 * worker 0 beside the last one's), so its methods take turns.
 */
public final class TensorBoardSink implements ProgressSink, AutoCloseable {
    public static final String LOSS = "loss";
    public static final String SAMPLES_PER_SECOND = "samples_per_second";
    public static final String EPOCH_LOSS = "epoch/loss";
    public static final String VALIDATION_ACCURACY = "validation/accuracy";
    public static final String VALIDATION_LOSS = "validation/loss";

    private final EventFile events;

    public TensorBoardSink(EventFile events) {
        this.events = events;
    }

    /** The display's view; every step's loss arrives through {@link #losses} instead. */
    @Override
    public void step(int epoch, long step, long totalSteps, double loss, double samplesPerSecond) {
    }

    @Override
    public synchronized void losses(StepLosses batch) {
        float[] losses = batch.losses();
        if (losses.length == 0) {
            return;
        }
        for (int i = 0; i < losses.length; i++) {
            events.scalar(LOSS, batch.firstStep() + i, losses[i]);
        }
        events.scalar(SAMPLES_PER_SECOND, batch.lastStep(), (float) batch.samplesPerSecond());
        events.flush();
    }

    @Override
    public synchronized void epoch(EpochMetrics metrics) {
        events.scalar(EPOCH_LOSS, metrics.step(), (float) metrics.loss());
        if (!Double.isNaN(metrics.accuracy())) {
            events.scalar(VALIDATION_ACCURACY, metrics.step(), (float) metrics.accuracy());
            events.scalar(VALIDATION_LOSS, metrics.step(), (float) metrics.validationLoss());
        }
        events.flush();
    }

    @Override
    public synchronized void close() {
        events.close();
    }
}
