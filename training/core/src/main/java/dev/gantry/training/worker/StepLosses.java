package dev.gantry.training.worker;

/**
 * The losses of consecutive steps, as worker 0 sends them to the driver a few times a second.
 *
 * @param firstStep        the step of {@code losses[0]}, counted from 1 as the progress display counts
 * @param losses           each step's loss (all workers), as a float: what TensorBoard and
 *                         {@code metrics.json} keep, so the two are equal to the bit
 * @param samplesPerSecond training examples per second over all workers in the epoch so far,
 *                         at the last of these steps
 */
public record StepLosses(long firstStep, float[] losses, double samplesPerSecond) {
    public long lastStep() {
        return firstStep + losses.length - 1;
    }
}
