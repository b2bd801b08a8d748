package dev.gantry.localcluster;

import dev.gantry.protocol.TaskStates;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/** A launched task as the master tracks it, with its queue of status updates awaiting acknowledgement. */
final class Task {
    final TaskInfo info;
    final Framework framework;
    final Agent agent;
    final ExecutorID executorId;
    final ResourceVector resources;
    final String role;
    final List<GpuDevice> gpus;
    final Path sandbox;
    final TaskGroup group;
    /** The framework's own executor it runs under; null for a command task or a task group's. */
    Executor executor;
    TaskState state = TaskState.TASK_STAGING;
    TaskStatus latestStatus;
    TaskRunner runner;
    boolean resourcesRecovered;
    final Deque<TaskStatus> pendingUpdates = new ArrayDeque<>();
    ScheduledFuture<?> updateRetry;
    long updateRetryMillis;

    Task(TaskInfo info, Framework framework, Agent agent, ExecutorID executorId, ResourceVector resources,
         String role, List<GpuDevice> gpus, Path sandbox, TaskGroup group) {
        this.info = info;
        this.framework = framework;
        this.agent = agent;
        this.executorId = executorId;
        this.resources = resources;
        this.role = role;
        this.gpus = gpus;
        this.sandbox = sandbox;
        this.group = group;
    }

    String id() {
        return info.getTaskId().getValue();
    }

    boolean terminal() {
        return TaskStates.isTerminal(state);
    }
}
