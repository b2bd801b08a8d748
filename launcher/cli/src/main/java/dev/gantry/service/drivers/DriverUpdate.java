package dev.gantry.service.drivers;

import dev.gantry.protocol.TaskStates;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * One status update of a driver task, as the service gets it.
 *
 * @param taskId             the Mesos task id, {@code driver-<job>-<attempt>}
 * @param state              the task's state as Mesos reported it
 * @param message            Mesos' message, empty when it sent none
 * @param agentId            the agent the task runs (ran) on, where the update says
 * @param reason             Mesos' reason, where the update gave one
 * @param exitCode           the driver process's exit code, where the message says it
 * @param failure            what kind of failure this is; {@link FailureKind#NONE} when none
 * @param fromReconciliation whether the master sent it in answer to a RECONCILE (re-attach)
 * @param known              whether this framework launched the task, or was asked to reconcile it;
 *                           false for a task only Mesos remembers (kill it unless the store knows it)
 */
public record DriverUpdate(String taskId, String jobId, int attempt, TaskState state, String message,
                           Optional<String> agentId, Optional<TaskStatus.Reason> reason, OptionalInt exitCode,
                           FailureKind failure, boolean fromReconciliation, boolean known) {
    public DriverUpdate {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(failure, "failure");
    }

    /** The update for {@code status} of {@code id}. */
    static DriverUpdate of(DriverTaskId id, TaskStatus status, boolean killRequested, boolean known) {
        return new DriverUpdate(id.value(), id.jobId(), id.attempt(), status.getState(), status.getMessage(),
                status.hasAgentId() ? Optional.of(status.getAgentId().getValue()) : Optional.empty(),
                status.hasReason() ? Optional.of(status.getReason()) : Optional.empty(),
                TaskFailures.exitCode(status.getMessage()), TaskFailures.classify(status, killRequested),
                status.hasReason() && status.getReason() == TaskStatus.Reason.REASON_RECONCILIATION, known);
    }

    /** No update follows this one for the task. */
    public boolean terminal() {
        return TaskStates.isTerminal(state);
    }

    /** Whether the driver failed, for whatever reason. */
    public boolean failed() {
        return failure != FailureKind.NONE;
    }

    /** Whether the driver failed for a reason a relaunch can fix; see {@link SupervisionPolicy}. */
    public boolean retryable() {
        return failure.retryable();
    }

    /** Whether the driver runs: after a restart, a task reconciliation found RUNNING is re-attached. */
    public boolean running() {
        return state == TaskState.TASK_RUNNING;
    }

    @Override
    public String toString() {
        return taskId + " " + state + (message.isEmpty() ? "" : " (" + message + ")")
                + (failure == FailureKind.NONE ? "" : " " + failure + (retryable() ? ", retryable" : ", final"))
                + (fromReconciliation ? " [reconciliation]" : "");
    }
}
