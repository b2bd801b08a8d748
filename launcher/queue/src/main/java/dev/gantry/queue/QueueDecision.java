package dev.gantry.queue;

import java.util.List;
import java.util.Optional;

/**
 * A policy's answer for one moment: the jobs to start, whole, and where; the running jobs to
 * checkpoint and stop; and every other queued job with why it waits. Each queued job appears once,
 * in {@code starts} or in {@code waiting}, the latter in the policy's order.
 */
public record QueueDecision(List<JobStart> starts, List<Preemption> preemptions, List<WaitingJob> waiting) {
    public QueueDecision {
        starts = List.copyOf(starts);
        preemptions = List.copyOf(preemptions);
        waiting = List.copyOf(waiting);
    }

    /** Why {@code jobId} waits, if it does. */
    public Optional<WaitingJob> waitingJob(String jobId) {
        return waiting.stream().filter(w -> w.job().id().equals(jobId)).findFirst();
    }

    /** The start of {@code jobId}, if it starts. */
    public Optional<JobStart> start(String jobId) {
        return starts.stream().filter(s -> s.job().id().equals(jobId)).findFirst();
    }
}
