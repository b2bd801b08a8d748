package dev.gantry.queue;

import java.util.Comparator;

/**
 * First in, first out: by priority, then by submission, as Spark's Mesos dispatcher queued
 * drivers. Never preempts; a job that does not fit keeps agents as the head, and later jobs are
 * backfilled around them (see {@code AdmissionRound}).
 */
public final class Fifo implements QueuePolicy {
    public static final String NAME = "fifo";

    private static final Comparator<QueuedJob> ORDER = Comparator.comparingInt((QueuedJob j) -> -j.priority())
            .thenComparingLong(QueuedJob::submittedMillis)
            .thenComparing(QueuedJob::id);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public QueueDecision decide(QueueState state) {
        return AdmissionRound.decide(state, new Ordering.NonPreemptive() {
            @Override
            public Comparator<QueuedJob> waitingOrder() {
                return ORDER;
            }
        });
    }
}
