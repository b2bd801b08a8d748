package dev.gantry.service.drivers;

/**
 * Why a driver task ended other than as it should, as Mesos reported it, and whether a relaunch
 * can fix that. {@link TaskFailures#classify} decides which one a status update is.
 */
public enum FailureKind {
    /** Not a failure: the driver is staging or running, finished, or was killed because the service asked. */
    NONE(false),
    /**
     * {@code gantry run} exited 2, its code for bad input (a spec that does not read, a field out of
     * range, missing data, a job the cluster can never hold): the same input fails the same way.
     */
    BAD_INPUT(false),
    /** TASK_ERROR: Mesos refused the task itself (resources, ids); sending it again changes nothing. */
    TASK_INVALID(false),
    /**
     * The driver's process ended with another non-zero exit or a signal: a crash, {@code kill -9},
     * a training failure {@code gantry run} reported with exit 1, or a failed container start.
     */
    DRIVER_FAILED(true),
    /**
     * The agent or the executor went away under the driver: TASK_LOST, TASK_GONE, TASK_UNREACHABLE,
     * TASK_DROPPED, TASK_GONE_BY_OPERATOR, TASK_UNKNOWN, or any update whose reason says the agent
     * was removed, disconnected or restarted, or the executor ended; also what reconciliation says of
     * a task the master does not know.
     */
    AGENT_LOST(true),
    /** TASK_KILLED that the service did not ask for (an operator, a draining agent). */
    KILLED_ELSEWHERE(true);

    private final boolean retryable;

    FailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether a relaunch of the same driver may succeed where this attempt did not. */
    public boolean retryable() {
        return retryable;
    }
}
