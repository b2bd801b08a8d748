package dev.gantry.queue;

import java.util.Objects;

/**
 * A running job to checkpoint, stop and requeue; it resumes later from that checkpoint. Only jobs
 * that can resume are ever preempted: a preemption of any other job cannot be made.
 *
 * @param forJobId the waiting job it makes room for; empty for {@link PreemptReason#OVER_TEAM_CAP}
 * @param detail   the reason as a sentence for people
 */
public record Preemption(RunningJob job, PreemptReason reason, String forJobId, String detail) {
    public Preemption {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(forJobId, "forJobId");
        Objects.requireNonNull(detail, "detail");
        if (!job.job().resumable()) {
            throw new IllegalArgumentException("job " + job.id() + " cannot resume from a checkpoint: never preempted");
        }
        if (job.stopping()) {
            throw new IllegalArgumentException("job " + job.id() + " is already stopping");
        }
    }
}
