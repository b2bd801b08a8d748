package dev.gantry.service.store;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a job of {@code gantry serve} stands. The store refuses moves this table does not have,
 * so a bug in the service cannot, say, bring a finished job back to life:
 *
 * <pre>
 * QUEUED     -> STARTING, CANCELLED, FAILED (its spec no longer reads)
 * STARTING   -> RUNNING, QUEUED (launch lost, try again), FAILED, CANCELLING
 * RUNNING    -> COMPLETED, FAILED, PREEMPTING, CANCELLING, QUEUED (driver lost, try again)
 * PREEMPTING -> PREEMPTED, COMPLETED, FAILED, CANCELLING
 * PREEMPTED  -> STARTING (resumes from its checkpoint), CANCELLED, FAILED
 * CANCELLING -> CANCELLED, COMPLETED, FAILED (whichever the driver's end turns out to be)
 * COMPLETED, FAILED, CANCELLED: final
 * </pre>
 */
public enum JobState {
    /** Waiting for its turn; never ran, or lost its driver before finishing and waits again. */
    QUEUED,
    /** Its driver's Mesos task was launched and has not reported running yet. */
    STARTING,
    /** Its driver runs. */
    RUNNING,
    /** Asked to checkpoint and stop, to give its GPUs to a job with a better claim. */
    PREEMPTING,
    /** Stopped after a checkpoint; waits in the queue and resumes from the checkpoint. */
    PREEMPTED,
    /** A user cancelled it while its driver ran; the driver is being killed. */
    CANCELLING,
    /** Its driver finished with exit code 0. */
    COMPLETED,
    /** Its driver failed, or it could not be started. */
    FAILED,
    /** Cancelled by a user. */
    CANCELLED;

    private Set<JobState> next;

    static {
        QUEUED.next = EnumSet.of(STARTING, CANCELLED, FAILED);
        STARTING.next = EnumSet.of(RUNNING, QUEUED, FAILED, CANCELLING);
        RUNNING.next = EnumSet.of(COMPLETED, FAILED, PREEMPTING, CANCELLING, QUEUED);
        PREEMPTING.next = EnumSet.of(PREEMPTED, COMPLETED, FAILED, CANCELLING);
        PREEMPTED.next = EnumSet.of(STARTING, CANCELLED, FAILED);
        CANCELLING.next = EnumSet.of(CANCELLED, COMPLETED, FAILED);
        COMPLETED.next = EnumSet.noneOf(JobState.class);
        FAILED.next = EnumSet.noneOf(JobState.class);
        CANCELLED.next = EnumSet.noneOf(JobState.class);
    }

    /** Whether a job in this state may move to {@code target}. */
    public boolean canMoveTo(JobState target) {
        return next.contains(target);
    }

    /** The states a job in this state may move to. */
    public Set<JobState> next() {
        return EnumSet.copyOf(next.isEmpty() ? EnumSet.noneOf(JobState.class) : next);
    }

    /** COMPLETED, FAILED or CANCELLED: nothing happens to the job any more. */
    public boolean isFinal() {
        return next.isEmpty();
    }

    /** Waiting for a driver to be launched: QUEUED or PREEMPTED. */
    public boolean isWaiting() {
        return this == QUEUED || this == PREEMPTED;
    }

    /**
     * A driver task may exist: STARTING, RUNNING, PREEMPTING, CANCELLING. After a restart the
     * service reconciles exactly these jobs' driver tasks with Mesos.
     */
    public boolean hasDriver() {
        return !isWaiting() && !isFinal();
    }

    /** The states for which {@link #hasDriver()} holds. */
    public static Set<JobState> withDriver() {
        return EnumSet.of(STARTING, RUNNING, PREEMPTING, CANCELLING);
    }

    /** The states for which {@link #isWaiting()} holds. */
    public static Set<JobState> waiting() {
        return EnumSet.of(QUEUED, PREEMPTED);
    }
}
