package dev.gantry.localcluster;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * RECONCILE and RECONCILE_OPERATIONS, as Mesos' master answers them ({@code Master::reconcile},
 * {@code reconcileOperations}): the latest state of each task asked about, or of every task when
 * none is named, in updates from the master that need no acknowledgement; for a task the master
 * does not know, TASK_LOST, or for a partition-aware framework TASK_GONE on a known agent and
 * TASK_UNKNOWN otherwise. Runs on the master's thread.
 */
final class Reconciliation {
    private final Master master;

    Reconciliation(Master master) {
        this.master = master;
    }

    void reconcile(Framework framework, Call.Reconcile reconcile) {
        if (reconcile.getTasksCount() == 0) {
            for (Task task : framework.tasks.values()) {
                framework.send(MasterEvents.update(reconciliationStatus(task)));
            }
            return;
        }
        for (Call.Reconcile.Task wanted : reconcile.getTasksList()) {
            Task task = framework.tasks.get(wanted.getTaskId().getValue());
            if (task != null) {
                framework.send(MasterEvents.update(reconciliationStatus(task)));
            } else {
                reconcileUnknown(framework, wanted.getTaskId(), wanted.hasAgentId() ? wanted.getAgentId() : null);
            }
        }
    }

    /** What the framework hears about a task the master does not know; {@code agentId} may be null. */
    void reconcileUnknown(Framework framework, TaskID taskId, AgentID agentId) {
        boolean agentKnown = agentId != null && master.agents().containsKey(agentId.getValue());
        TaskState state;
        if (!framework.partitionAware()) {
            state = TaskState.TASK_LOST;
        } else {
            state = agentKnown ? TaskState.TASK_GONE : TaskState.TASK_UNKNOWN;
        }
        framework.send(MasterEvents.update(MasterEvents.masterStatus(taskId, agentId, state,
                "Reconciliation: Task is unknown", TaskStatus.Reason.REASON_RECONCILIATION)));
    }

    private static TaskStatus reconciliationStatus(Task task) {
        TaskStatus.Builder status = TaskStatus.newBuilder()
                .setTaskId(task.info.getTaskId())
                .setState(task.state)
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                .setMessage("Reconciliation: Latest task state")
                .setAgentId(task.agent.id)
                .setExecutorId(task.executorId)
                .setTimestamp(System.currentTimeMillis() / 1000.0);
        return status.build();
    }

    void reconcileOperations(Framework framework, Call.ReconcileOperations reconcile) {
        // No operation here ever has feedback, so every operation asked about is unknown.
        for (Call.ReconcileOperations.Operation operation : reconcile.getOperationsList()) {
            OperationStatus.Builder status = OperationStatus.newBuilder()
                    .setOperationId(operation.getOperationId())
                    .setState(OperationState.OPERATION_UNKNOWN);
            if (operation.hasAgentId()) {
                status.setAgentId(operation.getAgentId());
            }
            framework.send(MasterEvents.operationUpdate(status));
        }
    }
}
