package dev.gantry.localcluster;

import dev.gantry.protocol.TaskStates;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task status updates, as Mesos' status update manager keeps them (an agent's
 * {@code TaskStatusUpdateManager}; the embedded master is its own agent): a task runner's report
 * becomes an update with a uuid, the task's state follows it and a terminal one gives its resources
 * back, and each task's updates go to its framework one at a time, the oldest unacknowledged one
 * resent with backoff (doubling, up to 10 minutes apart) until an ACKNOWLEDGE of its uuid
 * comes. Runs on the master's thread.
 */
final class StatusUpdates {
    // Log lines keep the master's name, as before the master was split into parts.
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);
    private static final long MAX_UPDATE_RETRY_MILLIS = Duration.ofMinutes(10).toMillis();

    private final Master master;

    StatusUpdates(Master master) {
        this.master = master;
    }

    /** A task's runner reports {@code state}; a failed or killed task of a group ends the rest of it. */
    void onRunnerStatus(Task task, TaskState state, String message, TaskStatus.Reason reason) {
        if (state == TaskState.TASK_KILLED && task.state == TaskState.TASK_KILLED) {
            return;
        }
        TaskStatus.Builder status = TaskStatus.newBuilder()
                .setTaskId(task.info.getTaskId())
                .setState(state)
                .setSource(TaskStatus.Source.SOURCE_EXECUTOR)
                .setAgentId(task.agent.id)
                .setExecutorId(task.executorId)
                .setTimestamp(System.currentTimeMillis() / 1000.0)
                .setUuid(MasterEvents.randomUuid());
        if (message != null) {
            status.setMessage(message);
        }
        if (reason != null) {
            status.setReason(reason);
        }
        forwardUpdate(task, status.build());
        if (TaskStates.isTerminal(state) && task.group != null && state != TaskState.TASK_FINISHED) {
            master.killer.killRunning(task.group);
        }
    }

    private void forwardUpdate(Task task, TaskStatus status) {
        task.state = status.getState();
        task.latestStatus = status;
        if (task.terminal() && !task.resourcesRecovered) {
            master.launcher.recover(task);
            master.allocator.requestAllocation();
        }
        Framework framework = task.framework;
        if (!master.frameworks().containsKey(framework.id.getValue())) {
            // The framework is gone; nobody will acknowledge, so the task is done with.
            if (task.terminal() && framework.tasks.remove(task.id()) != null) {
                framework.rememberCompleted(task);
            }
            return;
        }
        task.pendingUpdates.addLast(status);
        if (task.pendingUpdates.size() == 1) {
            sendHeadUpdate(task, false);
        }
    }

    /** Sends the oldest unacknowledged update and re-sends it, backing off, until acknowledged. */
    private void sendHeadUpdate(Task task, boolean retry) {
        TaskStatus head = task.pendingUpdates.peekFirst();
        Master.cancel(task.updateRetry);
        if (head == null || master.closed()) {
            return;
        }
        task.framework.send(MasterEvents.update(head));
        long base = master.spec().statusUpdateRetryInterval().toMillis();
        task.updateRetryMillis = retry ? Math.min(task.updateRetryMillis * 2, MAX_UPDATE_RETRY_MILLIS) : base;
        task.updateRetry = master.loop().schedule(() -> sendHeadUpdate(task, true), task.updateRetryMillis,
                TimeUnit.MILLISECONDS);
    }

    /** The framework subscribed again: each task's oldest unacknowledged update goes out at once. */
    void resendPending(Framework framework) {
        for (Task task : framework.tasks.values()) {
            if (!task.pendingUpdates.isEmpty()) {
                sendHeadUpdate(task, false);
            }
        }
    }

    /** The framework is removed: the task's unacknowledged updates are dropped and no longer resent. */
    void drop(Task task) {
        Master.cancel(task.updateRetry);
        task.pendingUpdates.clear();
    }

    void acknowledge(Framework framework, Call.Acknowledge ack) {
        Task task = framework.tasks.get(ack.getTaskId().getValue());
        if (task == null || !task.agent.id.equals(ack.getAgentId())) {
            LOG.debug("acknowledgement for unknown task {} of {}", ack.getTaskId().getValue(), framework.name());
            return;
        }
        TaskStatus head = task.pendingUpdates.peekFirst();
        if (head == null || !head.getUuid().equals(ack.getUuid())) {
            LOG.debug("unexpected acknowledgement for task {} of {}", task.id(), framework.name());
            return;
        }
        task.pendingUpdates.removeFirst();
        Master.cancel(task.updateRetry);
        if (!task.pendingUpdates.isEmpty()) {
            sendHeadUpdate(task, false);
        } else if (task.terminal()) {
            framework.tasks.remove(task.id());
            framework.rememberCompleted(task);
        }
    }
}
