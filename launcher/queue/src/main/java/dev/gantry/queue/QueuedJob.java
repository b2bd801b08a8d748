package dev.gantry.queue;

import dev.gantry.placement.AgentConstraint;
import dev.gantry.placement.ExecutorShape;
import java.util.List;
import java.util.Objects;

/**
 * A training job as the queue sees it: a gang of {@code workers} identical workers, all of which
 * must start together, and what the policies order it by.
 *
 * @param worker             one worker's CPUs, memory and whole GPUs
 * @param constraints        agent attributes the workers need, as placement checks them
 * @param priority           higher first; jobs of equal priority are ordered by the policy
 * @param submittedMillis    when the job was submitted
 * @param queuedSinceMillis  when it last entered the queue: its submission, or its last preemption
 * @param attainedGpuSeconds GPU service it received before its current run (GPUs times seconds held)
 * @param resumable          whether it can resume from a checkpoint; only such jobs are ever preempted
 */
public record QueuedJob(String id, String team, String user, int workers, ExecutorShape worker,
                        List<AgentConstraint> constraints, int priority, long submittedMillis,
                        long queuedSinceMillis, double attainedGpuSeconds, boolean resumable) {
    public QueuedJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(worker, "worker");
        constraints = List.copyOf(constraints);
        if (workers <= 0) {
            throw new IllegalArgumentException("job " + id + ": a job needs at least one worker");
        }
        if (!(attainedGpuSeconds >= 0) || Double.isInfinite(attainedGpuSeconds)) {
            throw new IllegalArgumentException("job " + id + ": attained GPU service must be a non-negative number");
        }
        if (queuedSinceMillis < submittedMillis) {
            throw new IllegalArgumentException("job " + id + ": queued before it was submitted");
        }
    }

    /** A new job: priority 0, no constraints, nothing attained, resumable. */
    public static QueuedJob of(String id, String team, String user, int workers, ExecutorShape worker,
                               long submittedMillis) {
        return new QueuedJob(id, team, user, workers, worker, List.of(), 0, submittedMillis, submittedMillis, 0,
                true);
    }

    /** All GPUs of the gang. */
    public int gpus() {
        return workers * worker.gpus();
    }

    public QueuedJob withPriority(int value) {
        return new QueuedJob(id, team, user, workers, worker, constraints, value, submittedMillis, queuedSinceMillis,
                attainedGpuSeconds, resumable);
    }

    public QueuedJob withConstraints(List<AgentConstraint> list) {
        return new QueuedJob(id, team, user, workers, worker, list, priority, submittedMillis, queuedSinceMillis,
                attainedGpuSeconds, resumable);
    }

    public QueuedJob withResumable(boolean value) {
        return new QueuedJob(id, team, user, workers, worker, constraints, priority, submittedMillis, queuedSinceMillis,
                attainedGpuSeconds, value);
    }

    /** The job back in the queue at {@code nowMillis} after a run, with the service it attained so far. */
    public QueuedJob requeued(long nowMillis, double attained) {
        return new QueuedJob(id, team, user, workers, worker, constraints, priority, submittedMillis,
                Math.max(nowMillis, submittedMillis), attained, resumable);
    }
}
