package dev.gantry.queue;

import java.util.Comparator;

/**
 * What a policy decides in one round, all else being the shared gang admission ({@link
 * AdmissionRound}): the order in which waiting jobs are considered, the order in which running jobs
 * are preempted, and whether a waiting job may preempt a running one. Made per round, from the state.
 */
interface Ordering {
    /** Waiting jobs, the first to consider first. */
    Comparator<QueuedJob> waitingOrder();

    /** Running jobs, the first to preempt first. */
    Comparator<RunningJob> victimOrder();

    /**
     * Why {@code waiting} may preempt {@code running}, or null if it may not. Asked only of running
     * jobs that can resume, are not stopping, and have run at least {@link #minimumRunMillis()}.
     */
    PreemptReason preemption(QueuedJob waiting, RunningJob running);

    /** {@code reason} for {@code running}'s preemption in favour of {@code waiting}, as a sentence for people. */
    String explain(PreemptReason reason, QueuedJob waiting, RunningJob running);

    /** How long a job runs before it may be preempted (but for its team's cap): each run makes progress. */
    long minimumRunMillis();

    /**
     * Whether {@code head}, first among the jobs that do not fit, has starved: agents are then kept
     * for it in a fixed order, the same at every decision, so that they drain for it. Policies that
     * bound waiting use it.
     */
    default boolean starved(QueuedJob head) {
        return false;
    }

    /** Told when a job starts in this round, or is promised room that preemptions free. */
    default void promised(QueuedJob job) {}

    /** Told when a running job is preempted in this round. */
    default void preempted(RunningJob job) {}

    /** An ordering that never preempts. */
    abstract class NonPreemptive implements Ordering {
        /** Only a team over its cap loses jobs: the last started first. */
        @Override
        public Comparator<RunningJob> victimOrder() {
            return Comparator.comparingLong((RunningJob j) -> -j.startedMillis()).thenComparing(RunningJob::id);
        }

        @Override
        public PreemptReason preemption(QueuedJob waiting, RunningJob running) {
            return null;
        }

        @Override
        public String explain(PreemptReason reason, QueuedJob waiting, RunningJob running) {
            throw new IllegalStateException("this ordering never preempts");
        }

        @Override
        public long minimumRunMillis() {
            return Long.MAX_VALUE;
        }
    }
}
