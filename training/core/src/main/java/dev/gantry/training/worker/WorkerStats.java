package dev.gantry.training.worker;

import java.io.Serializable;
import java.util.List;

/**
 * Where one worker ran and how fast it went, for the job's report: with synchronous all-reduce
 * every worker takes the same number of steps, so a slow worker shows as a high compute fraction
 * on it and low ones on the others, which wait for it.
 *
 * @param executorId     the Spark executor the worker ran in, null outside Spark
 * @param host           that executor's host, null outside Spark
 * @param gpus           the GPU addresses Spark gave the worker's task, empty for CPU
 * @param examples       training examples this worker computed gradients on, in this run
 * @param seconds        wall time of this worker's training loop, in this run
 * @param computeSeconds of which spent computing gradients and applying the update
 */
public record WorkerStats(int rank, String executorId, String host, List<String> gpus, long examples,
                          double seconds, double computeSeconds) implements Serializable {
    private static final long serialVersionUID = 1L;

    public WorkerStats {
        gpus = List.copyOf(gpus);
    }

    public double samplesPerSecond() {
        return seconds > 0 ? examples / seconds : Double.NaN;
    }

    /** The share of the loop's time spent computing rather than waiting on the other workers. */
    public double computeFraction() {
        return seconds > 0 ? Math.min(1.0, computeSeconds / seconds) : Double.NaN;
    }

    /** These figures, placed in the executor that produced them. */
    public WorkerStats on(String executorId, String host, List<String> gpus) {
        return new WorkerStats(rank, executorId, host, gpus, examples, seconds, computeSeconds);
    }
}
