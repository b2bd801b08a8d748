package dev.gantry.queue;

import java.util.Objects;

/** A queued job that does not start now, why, and the reason as a sentence for people. */
public record WaitingJob(QueuedJob job, WaitReason reason, String detail) {
    public WaitingJob {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
