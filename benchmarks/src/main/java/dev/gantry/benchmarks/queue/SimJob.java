package dev.gantry.benchmarks.queue;

import dev.gantry.placement.ExecutorShape;
import dev.gantry.queue.QueuedJob;
import java.util.List;

/**
 * A generated job: who submits it when, its gang, how long it runs on its GPUs (known to the
 * simulator and to the shortest-first oracle only), and whether it can resume from a checkpoint.
 */
public record SimJob(int index, String id, String team, String user, long submitMillis, int workers,
                     ExecutorShape worker, double durationSeconds, boolean resumable) {
    /** Per GPU, what a training worker asks beside it: 8 CPUs and 64 GiB. */
    static ExecutorShape workerOf(int gpus) {
        return new ExecutorShape(8.0 * gpus, 65_536.0 * gpus, gpus);
    }

    public int gpus() {
        return workers * worker.gpus();
    }

    public long durationMillis() {
        return Math.max(1, Math.round(durationSeconds * 1000));
    }

    /** The job as the queue first sees it. */
    public QueuedJob queued() {
        return new QueuedJob(id, team, user, workers, worker, List.of(), 0, submitMillis, submitMillis, 0, resumable);
    }
}
