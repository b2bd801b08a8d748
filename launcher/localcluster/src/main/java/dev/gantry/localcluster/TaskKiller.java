package dev.gantry.localcluster;

import java.time.Duration;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * Stops tasks, as Mesos' master asks its agents to ({@code Master::kill}, {@code shutdown}) and as
 * the default executor ends a task group: KILL (TASK_KILLING first for a framework with
 * TASK_KILLING_STATE; a task the master does not know is answered as reconciliation would), SHUTDOWN
 * of an executor, the rest of a group when one of its tasks fails, and a removed framework's tasks.
 * Each kill sends SIGTERM, then SIGKILL after the kill policy's grace period or the cluster's. Runs
 * on the master's thread.
 */
final class TaskKiller {
    private final Master master;

    TaskKiller(Master master) {
        this.master = master;
    }

    void kill(Framework framework, Call.Kill kill) {
        Task task = framework.tasks.get(kill.getTaskId().getValue());
        if (task == null) {
            // As Mesos does for a task it does not know: answer with what reconciliation would say.
            master.reconciliation.reconcileUnknown(framework, kill.getTaskId(),
                    kill.hasAgentId() ? kill.getAgentId() : null);
            return;
        }
        if (task.terminal() || task.runner == null) {
            return;
        }
        if (framework.hasCapability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE)
                && task.state != TaskState.TASK_KILLING) {
            master.statusUpdates.onRunnerStatus(task, TaskState.TASK_KILLING, "Killing the task", null);
        }
        task.runner.kill(killGrace(task, kill.hasKillPolicy() ? kill.getKillPolicy() : null));
    }

    void shutdownExecutor(Framework framework, Call.Shutdown shutdown) {
        for (Task task : framework.tasks.values()) {
            if (task.executorId.equals(shutdown.getExecutorId()) && task.agent.id.equals(shutdown.getAgentId())
                    && !task.terminal() && task.runner != null) {
                kill(task);
            }
        }
    }

    /** Kills the tasks of {@code group} that still run, as Mesos' default executor does when one fails. */
    void killRunning(TaskGroup group) {
        for (Task sibling : group.tasks) {
            if (!sibling.terminal() && sibling.runner != null) {
                kill(sibling);
            }
        }
    }

    /** Kills a running task with its own kill policy. */
    void kill(Task task) {
        task.runner.kill(killGrace(task, null));
    }

    private Duration killGrace(Task task, KillPolicy override) {
        KillPolicy policy = override != null ? override : task.info.hasKillPolicy() ? task.info.getKillPolicy() : null;
        if (policy != null && policy.hasGracePeriod()) {
            return Duration.ofNanos(Math.max(0, policy.getGracePeriod().getNanoseconds()));
        }
        return master.spec().killGracePeriod();
    }
}
