package dev.gantry.localcluster;

import dev.gantry.protocol.ResourceNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches an ACCEPT's LAUNCH and LAUNCH_GROUP tasks, doing the agent's part as well (Mesos'
 * {@code Slave::runTask} and its containerizer): each task is checked against what is left of the
 * offers ({@link TaskValidation}; a group launches whole or not at all, and an invalid task or group
 * ends in TASK_ERROR from the master), its agent is charged for it and, once, for its executor, and
 * its {@link TaskRunner} starts in a fresh sandbox with the GPUs it holds. {@link #recover} gives a
 * finished task's resources back. Runs on the master's thread.
 */
final class TaskLauncher {
    // Log lines keep the master's name, as before the master was split into parts.
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);

    private final Master master;
    private final UriFetcher fetcher = new UriFetcher();
    private long groupCount;

    TaskLauncher(Master master) {
        this.master = master;
    }

    /** Launches {@code task} if it is valid on {@code remaining}; returns what is left then. */
    ResourceVector launchOrReject(Framework framework, Agent agent, String role, TaskInfo task,
                                  ResourceVector remaining, TaskGroup group, Set<String> launchedIds) {
        ExecutorID executorId = task.hasExecutor() ? task.getExecutor().getExecutorId()
                : ExecutorID.newBuilder().setValue(task.getTaskId().getValue()).build();
        Executor running = task.hasExecutor() ? framework.executors.get(Executor.key(agent.id, executorId)) : null;
        Optional<String> invalid = TaskValidation.validate(task, framework, agent, role, remaining, launchedIds,
                running != null);
        if (invalid.isPresent()) {
            LOG.info("task {} of {} is invalid: {}", task.getTaskId().getValue(), framework.name(), invalid.get());
            framework.send(MasterEvents.update(MasterEvents.masterStatus(task.getTaskId(), task.getAgentId(),
                    TaskState.TASK_ERROR, invalid.get(), TaskStatus.Reason.REASON_TASK_INVALID)));
            return remaining;
        }
        ResourceVector needed = ResourceVector.of(task.getResourcesList());
        ResourceVector used = needed;
        if (task.hasExecutor() && running == null) {
            // The executor's first task: its resources are charged now, once for all its tasks.
            ResourceVector executorResources = ResourceVector.of(task.getExecutor().getResourcesList());
            running = new Executor(executorId, executorResources,
                    agent.takeGpus((int) Math.round(executorResources.scalar(ResourceNames.GPUS))));
            framework.executors.put(Executor.key(agent.id, executorId), running);
            agent.allocated = agent.allocated.plus(running.resources);
            used = used.plus(running.resources);
        }
        Task launched = launch(framework, agent, role, task, needed, group, executorId,
                running == null ? List.of() : running.gpus);
        if (running != null) {
            running.taskStarted();
            launched.executor = running;
        }
        launchedIds.add(task.getTaskId().getValue());
        return remaining.minus(used);
    }

    /** Launches every task of the group under its default executor, or none; returns what is left then. */
    ResourceVector launchGroup(Framework framework, Agent agent, String role,
                               org.apache.mesos.v1.Protos.Offer.Operation.LaunchGroup launchGroup,
                               ResourceVector remaining, Set<String> launchedIds) {
        TaskGroupInfo group = launchGroup.getTaskGroup();
        Optional<String> invalid = Optional.empty();
        ResourceVector executorResources = ResourceVector.EMPTY;
        if (!launchGroup.hasExecutor()) {
            invalid = Optional.of("LAUNCH_GROUP needs an executor");
        } else {
            Optional<String> bad = ResourceValidation.validate(launchGroup.getExecutor().getResourcesList());
            if (bad.isPresent()) {
                invalid = Optional.of("Executor uses invalid resources: " + bad.get());
            } else {
                executorResources = ResourceVector.of(launchGroup.getExecutor().getResourcesList());
            }
        }
        if (invalid.isEmpty() && !remaining.contains(executorResources)) {
            invalid = Optional.of("Executor uses more resources " + executorResources + " than available " + remaining);
        }
        // A group launches whole or not at all: check every task against what is left after the others.
        ResourceVector left = invalid.isPresent() ? remaining : remaining.minus(executorResources);
        Set<String> groupIds = new HashSet<>(launchedIds);
        for (TaskInfo task : group.getTasksList()) {
            if (invalid.isPresent()) {
                break;
            }
            if (task.hasExecutor()) {
                invalid = Optional.of("Task " + task.getTaskId().getValue() + " in a group must not have an executor");
                break;
            }
            invalid = TaskValidation.validate(task, framework, agent, role, left, groupIds);
            if (invalid.isEmpty()) {
                left = left.minus(ResourceVector.of(task.getResourcesList()));
                groupIds.add(task.getTaskId().getValue());
            }
        }
        if (invalid.isPresent()) {
            for (TaskInfo task : group.getTasksList()) {
                framework.send(MasterEvents.update(MasterEvents.masterStatus(task.getTaskId(), task.getAgentId(),
                        TaskState.TASK_ERROR, invalid.get(), TaskStatus.Reason.REASON_TASK_GROUP_INVALID)));
            }
            return remaining;
        }
        TaskGroup taskGroup = new TaskGroup(framework.id.getValue() + "-group-" + groupCount++, executorResources);
        agent.allocated = agent.allocated.plus(executorResources);
        ExecutorID executorId = launchGroup.getExecutor().getExecutorId();
        for (TaskInfo task : group.getTasksList()) {
            launch(framework, agent, role, task, ResourceVector.of(task.getResourcesList()), taskGroup, executorId,
                    List.of());
            launchedIds.add(task.getTaskId().getValue());
        }
        return left;
    }

    /** @param executorGpus GPUs the task's executor holds, which the task sees beside its own */
    private Task launch(Framework framework, Agent agent, String role, TaskInfo task, ResourceVector needed,
                        TaskGroup group, ExecutorID executorId, List<GpuDevice> executorGpus) {
        int gpuCount = (int) Math.round(needed.scalar(ResourceNames.GPUS));
        List<GpuDevice> gpus = agent.takeGpus(gpuCount);
        agent.allocated = agent.allocated.plus(needed);
        Path sandbox = agent.sandboxRoot.resolve("frameworks").resolve(framework.id.getValue())
                .resolve("executors").resolve(executorId.getValue())
                .resolve("runs").resolve(UUID.randomUUID().toString());
        Task launched = new Task(task, framework, agent, executorId, needed, role, gpus, sandbox, group);
        framework.tasks.put(launched.id(), launched);
        if (group != null) {
            group.tasks.add(launched);
        }
        CommandInfo command = task.hasCommand() ? task.getCommand() : task.getExecutor().getCommand();
        ContainerInfo container = task.hasContainer() ? task.getContainer()
                : task.hasExecutor() && task.getExecutor().hasContainer() ? task.getExecutor().getContainer() : null;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MESOS_SANDBOX", sandbox.toString());
        env.put("MESOS_DIRECTORY", sandbox.toString());
        env.put("MESOS_FRAMEWORK_ID", framework.id.getValue());
        env.put("MESOS_AGENT_ID", agent.id.getValue());
        env.put("MESOS_EXECUTOR_ID", executorId.getValue());
        env.put("MESOS_TASK_ID", launched.id());
        List<GpuDevice> visible = new ArrayList<>(executorGpus);
        visible.addAll(gpus);
        TaskRunner.Launch spec = new TaskRunner.Launch(launched.id(), command, container, sandbox, env, visible);
        launched.runner = new TaskRunner(spec,
                (state, message, reason) -> master.execute(
                        () -> master.statusUpdates.onRunnerStatus(launched, state, message, reason)),
                fetcher, master.loop());
        LOG.info("launching task {} of {} on agent {} with {}{}", launched.id(), framework.name(),
                agent.id.getValue(), needed, gpus.isEmpty() ? "" : " (GPUs " + Master.gpuIndices(gpus) + ")");
        launched.runner.start(master.workers());
        return launched;
    }

    /**
     * Gives an ended task's resources and GPUs back to its agent, with a group's executor resources
     * when the group's last task ends and an executor's when its last task ends. Called once a task.
     */
    void recover(Task task) {
        task.resourcesRecovered = true;
        task.agent.allocated = task.agent.allocated.minus(task.resources);
        task.agent.returnGpus(task.gpus);
        TaskGroup group = task.group;
        if (group != null && group.allTerminal() && !group.executorResourcesRecovered) {
            group.executorResourcesRecovered = true;
            task.agent.allocated = task.agent.allocated.minus(group.executorResources);
        }
        Executor executor = task.executor;
        if (executor != null && executor.taskEnded()) {
            task.framework.executors.remove(Executor.key(task.agent.id, executor.id));
            task.agent.allocated = task.agent.allocated.minus(executor.resources);
            task.agent.returnGpus(executor.gpus);
        }
    }
}
