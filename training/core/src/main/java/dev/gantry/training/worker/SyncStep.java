package dev.gantry.training.worker;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.collective.Collectives;

/**
 * One synchronous data-parallel step of one worker: the gradient of its share of the global
 * batch, weighted by that share, summed over all workers with the weighted loss in the same
 * all-reduce, then the same update on every replica. Weighting before the sum leaves the global
 * batch's mean gradient in the buffer, so the gradient is passed over once in Java, not twice.
 *
 * <p>A worker without peers holding the whole global batch has nothing to exchange and lets the
 * backend take the step whole ({@link WorkerModel#trainStep}), as Horovod skips its all-reduce
 * for a single process.
 *
 * <p>The same all-reduce also carries one flag: whether this worker was asked to stop. Its sum
 * is the same on every worker, so all learn at the same step that one of them was asked
 * ({@link #stopAgreed()}), without a collective of its own.
 */
public final class SyncStep {
    private final WorkerModel model;
    private final Collectives ring;
    private final int globalBatchSize;
    private final int parameters;
    /** The gradient, then the loss, then the stop flag: one all-reduce carries all three. */
    private final float[] buffer;
    private long computeNanos;
    private boolean stopAgreed;

    public SyncStep(WorkerModel model, Collectives ring, int globalBatchSize) {
        if (globalBatchSize <= 0) {
            throw new IllegalArgumentException("global batch size must be positive, got " + globalBatchSize);
        }
        this.model = model;
        this.ring = ring;
        this.globalBatchSize = globalBatchSize;
        this.parameters = Math.toIntExact(model.parameterCount());
        this.buffer = new float[parameters + 2];
    }

    /**
     * Trains on this worker's share of the step's global batch.
     *
     * @return the global batch's mean loss, the same on every worker
     */
    public double run(Batch batch) {
        return run(batch, false);
    }

    /**
     * Trains on this worker's share of the step's global batch, telling the others whether this
     * worker was asked to stop; {@link #stopAgreed()} then says whether any was.
     *
     * @return the global batch's mean loss, the same on every worker
     */
    public double run(Batch batch, boolean stopRequested) {
        int local = batch.size();
        long start = System.nanoTime();
        if (ring.size() == 1 && local == globalBatchSize) {
            float loss = model.trainStep(batch, buffer);
            computeNanos += System.nanoTime() - start;
            stopAgreed = stopRequested;
            return loss;
        }
        float loss = model.computeGradients(batch, buffer);
        float weight = (float) local / globalBatchSize;
        if (weight != 1f) {
            for (int i = 0; i < parameters; i++) {
                buffer[i] *= weight;
            }
        }
        buffer[parameters] = loss * weight;
        buffer[parameters + 1] = stopRequested ? 1f : 0f;
        long exchangeStart = System.nanoTime();
        ring.allReduce(buffer);
        stopAgreed = buffer[parameters + 1] > 0;
        long applyStart = System.nanoTime();
        model.applyGradients(buffer);
        computeNanos += (exchangeStart - start) + (System.nanoTime() - applyStart);
        return buffer[parameters];
    }

    /** Whether any worker was asked to stop before the last step; the same answer on every worker. */
    public boolean stopAgreed() {
        return stopAgreed;
    }

    /** Time spent computing gradients and updates so far, all-reduce excluded. */
    public long computeNanos() {
        return computeNanos;
    }
}
