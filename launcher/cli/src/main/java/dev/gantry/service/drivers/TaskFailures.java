package dev.gantry.service.drivers;

import dev.gantry.protocol.TaskStates;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TaskStatus.Reason;

/**
 * Reads a driver task's status update as the service needs it: which {@link FailureKind} it is, and
 * the exit code of the driver's process where Mesos said it. Mesos carries no exit code field; its
 * command executor (and the embedded cluster's, which copies it) puts it in the message, as
 * {@code Command exited with status N} or {@code Command terminated with signal S}.
 */
public final class TaskFailures {
    /** {@code gantry run}'s exit code for bad input (docs/running-jobs.md; {@code GantryCli.BAD_INPUT}). */
    public static final int BAD_INPUT_EXIT = 2;

    private static final Pattern EXITED = Pattern.compile("exited with status (\\d{1,3})\\b");
    private static final Set<TaskState> AGENT_GONE = EnumSet.of(TaskState.TASK_LOST, TaskState.TASK_GONE,
            TaskState.TASK_UNREACHABLE, TaskState.TASK_DROPPED, TaskState.TASK_GONE_BY_OPERATOR,
            TaskState.TASK_UNKNOWN);
    private static final Set<Reason> AGENT_REASONS = EnumSet.of(Reason.REASON_AGENT_DISCONNECTED,
            Reason.REASON_AGENT_DRAINING, Reason.REASON_AGENT_REMOVED, Reason.REASON_AGENT_REMOVED_BY_OPERATOR,
            Reason.REASON_AGENT_REREGISTERED, Reason.REASON_AGENT_RESTARTED, Reason.REASON_AGENT_UNKNOWN,
            Reason.REASON_EXECUTOR_TERMINATED, Reason.REASON_EXECUTOR_UNREGISTERED,
            Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT, Reason.REASON_EXECUTOR_REREGISTRATION_TIMEOUT,
            Reason.REASON_MASTER_DISCONNECTED, Reason.REASON_CONTAINER_PREEMPTED);

    private TaskFailures() {}

    /**
     * What {@code status} says of the driver.
     *
     * @param killRequested whether the service asked for this task to be killed: then no terminal
     *                      state is a failure (a kill of a task the master no longer knows ends TASK_LOST)
     */
    public static FailureKind classify(TaskStatus status, boolean killRequested) {
        TaskState state = status.getState();
        Reason reason = status.hasReason() ? status.getReason() : null;
        if (killRequested && TaskStates.isTerminal(state) && state != TaskState.TASK_FINISHED) {
            // The service wanted it gone; however it went, there is nothing to relaunch.
            return FailureKind.NONE;
        }
        switch (state) {
            case TASK_STAGING:
            case TASK_STARTING:
            case TASK_RUNNING:
            case TASK_KILLING:
            case TASK_FINISHED:
                return FailureKind.NONE;
            case TASK_KILLED:
                return AGENT_REASONS.contains(reason) ? FailureKind.AGENT_LOST : FailureKind.KILLED_ELSEWHERE;
            case TASK_ERROR:
                return FailureKind.TASK_INVALID;
            case TASK_FAILED:
                OptionalInt exit = exitCode(status.getMessage());
                if (exit.isPresent() && exit.getAsInt() == BAD_INPUT_EXIT) {
                    return FailureKind.BAD_INPUT;
                }
                return AGENT_REASONS.contains(reason) ? FailureKind.AGENT_LOST : FailureKind.DRIVER_FAILED;
            default:
                return AGENT_GONE.contains(state) ? FailureKind.AGENT_LOST : FailureKind.DRIVER_FAILED;
        }
    }

    /** The exit status in a command executor's message, {@code Command exited with status N}; empty for a signal or none. */
    public static OptionalInt exitCode(String message) {
        if (message == null) {
            return OptionalInt.empty();
        }
        Matcher m = EXITED.matcher(message);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
