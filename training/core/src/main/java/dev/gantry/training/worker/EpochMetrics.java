package dev.gantry.training.worker;

import java.io.Serializable;

/**
 * One epoch as the job saw it.
 *
 * @param loss             mean training loss over the epoch's steps (all workers)
 * @param accuracy         validation accuracy, NaN without validation data
 * @param validationLoss   validation mean loss, NaN without validation data
 * @param samplesPerSecond training examples per second over all workers, this epoch
 */
public record EpochMetrics(int epoch, long step, double loss, double accuracy, double validationLoss,
                           double samplesPerSecond, double seconds) implements Serializable {
    private static final long serialVersionUID = 1L;
}
