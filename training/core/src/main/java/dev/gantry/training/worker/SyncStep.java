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
 */
public final class SyncStep {
    private final WorkerModel model;
    private final Collectives ring;
    private final int globalBatchSize;
    private final int parameters;
    /** The gradient, then the loss: one all-reduce carries both. */
    private final float[] buffer;
    private long computeNanos;

    public SyncStep(WorkerModel model, Collectives ring, int globalBatchSize) {
        if (globalBatchSize <= 0) {
            throw new IllegalArgumentException("global batch size must be positive, got " + globalBatchSize);
        }
        this.model = model;
        this.ring = ring;
        this.globalBatchSize = globalBatchSize;
        this.parameters = Math.toIntExact(model.parameterCount());
        this.buffer = new float[parameters + 1];
    }

    /**
     * Trains on this worker's share of the step's global batch.
     *
     * @return the global batch's mean loss, the same on every worker
     */
    public double run(Batch batch) {
        int local = batch.size();
        long start = System.nanoTime();
        if (ring.size() == 1 && local == globalBatchSize) {
            float loss = model.trainStep(batch, buffer);
            computeNanos += System.nanoTime() - start;
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
        long exchangeStart = System.nanoTime();
        ring.allReduce(buffer);
        long applyStart = System.nanoTime();
        model.applyGradients(buffer);
        computeNanos += (exchangeStart - start) + (System.nanoTime() - applyStart);
        return buffer[parameters];
    }

    /** Time spent computing gradients and updates so far, all-reduce excluded. */
    public long computeNanos() {
        return computeNanos;
    }
}
