package dev.gantry.training.worker;

import java.io.Serializable;
import java.util.List;

/**
 * What a worker hands back when training ends.
 *
 * @param resumedFromStep the checkpoint's step this run continued from, 0 for a fresh start
 * @param steps           steps completed over the whole job
 * @param model           the final parameters and optimizer state (worker 0 only, else empty)
 * @param stats           this worker's throughput in this run
 */
public record WorkerResult(int rank, long resumedFromStep, long steps, List<EpochMetrics> epochs, byte[] model,
                           WorkerStats stats) implements Serializable {
    private static final long serialVersionUID = 1L;

    public WorkerResult withStats(WorkerStats placed) {
        return new WorkerResult(rank, resumedFromStep, steps, epochs, model, placed);
    }
}
