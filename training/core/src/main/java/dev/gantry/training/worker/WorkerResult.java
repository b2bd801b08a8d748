package dev.gantry.training.worker;

import java.io.Serializable;
import java.util.List;

/**
 * What a worker hands back when training ends.
 *
 * @param resumedFromStep the checkpoint's step this run continued from, 0 for a fresh start
 * @param steps           steps completed over the whole job
 * @param model           the final parameters and optimizer state (worker 0 only, else empty)
 * @param stepLosses      the loss of each step this run took, from step {@code resumedFromStep + 1}
 *                        on (worker 0 only, else empty: every worker has the same all-reduced loss)
 * @param stats           this worker's throughput in this run
 * @param failure         why training stopped before its end, on purpose and on every worker
 *                        alike (a diverged loss, a checkpoint that cannot be written); null when
 *                        it finished. A stop a retry cannot fix ends the task normally, so Spark
 *                        does not retry it, and the driver reports this line.
 * @param requested       whether the stop was asked for ({@link WorkerLoop#stopWhen}) rather than
 *                        forced by a failure: the job is sound and resumes from its checkpoint
 */
public record WorkerResult(int rank, long resumedFromStep, long steps, List<EpochMetrics> epochs, byte[] model,
                           float[] stepLosses, WorkerStats stats, String failure, boolean requested)
        implements Serializable {
    private static final long serialVersionUID = 2L;

    public WorkerResult(int rank, long resumedFromStep, long steps, List<EpochMetrics> epochs, byte[] model,
                        float[] stepLosses, WorkerStats stats) {
        this(rank, resumedFromStep, steps, epochs, model, stepLosses, stats, null, false);
    }

    static WorkerResult stopped(int rank, long resumedFromStep, long steps, String failure) {
        return new WorkerResult(rank, resumedFromStep, steps, List.of(), new byte[0], new float[0], null, failure, false);
    }

    static WorkerResult stoppedOnRequest(int rank, long resumedFromStep, long steps, String line) {
        return new WorkerResult(rank, resumedFromStep, steps, List.of(), new byte[0], new float[0], null, line, true);
    }

    public boolean failed() {
        return failure != null;
    }

    public WorkerResult withStats(WorkerStats placed) {
        return new WorkerResult(rank, resumedFromStep, steps, epochs, model, stepLosses, placed, failure, requested);
    }
}
