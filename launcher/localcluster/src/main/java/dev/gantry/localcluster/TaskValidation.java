package dev.gantry.localcluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Mesos' checks on a task in an ACCEPT: valid id, unique among the framework's live tasks, the
 * offer's agent, a command or an executor, valid resources (whole GPUs) allocated to the offer's
 * role and within what the offers hold. A failure ends the task in TASK_ERROR.
 */
final class TaskValidation {
    private TaskValidation() {}

    static Optional<String> validate(TaskInfo task, Framework framework, Agent agent, String role,
                                     ResourceVector available, Set<String> idsInThisAccept) {
        return validate(task, framework, agent, role, available, idsInThisAccept, false);
    }

    /**
     * @param executorRunning whether the task's executor already runs on the agent: then, as in
     *     Mesos, only the task's own resources must fit, the executor's being held already
     */
    static Optional<String> validate(TaskInfo task, Framework framework, Agent agent, String role,
                                     ResourceVector available, Set<String> idsInThisAccept, boolean executorRunning) {
        String id = task.getTaskId().getValue();
        Optional<String> idError = validateId(id);
        if (idError.isPresent()) {
            return idError;
        }
        Task existing = framework.tasks.get(id);
        if ((existing != null && !existing.terminal()) || idsInThisAccept.contains(id)) {
            return Optional.of("Task has duplicate ID: " + id);
        }
        if (!task.getAgentId().equals(agent.id)) {
            return Optional.of("Task uses invalid agent: " + task.getAgentId().getValue()
                    + " (the offer is for agent " + agent.id.getValue() + ")");
        }
        if (task.hasCommand() == task.hasExecutor()) {
            return Optional.of("Task should have at least one (but not both) of CommandInfo or ExecutorInfo present");
        }
        CommandInfo command = task.hasCommand() ? task.getCommand() : task.getExecutor().getCommand();
        if (!command.hasValue() || command.getValue().isEmpty()) {
            return Optional.of("Task's command has no value (a shell command or an executable path)");
        }
        Optional<String> containerError = validateContainer(task);
        if (containerError.isPresent()) {
            return containerError;
        }
        List<Resource> all = new ArrayList<>(task.getResourcesList());
        if (task.hasExecutor()) {
            all.addAll(task.getExecutor().getResourcesList());
        }
        if (task.getResourcesCount() == 0) {
            return Optional.of("Task uses no resources");
        }
        Optional<String> resourceError = ResourceValidation.validate(all);
        if (resourceError.isPresent()) {
            return Optional.of("Task uses invalid resources: " + resourceError.get());
        }
        for (Resource r : all) {
            if (r.hasAllocationInfo() && !r.getAllocationInfo().getRole().equals(role)) {
                return Optional.of("Task resources are allocated to role '" + r.getAllocationInfo().getRole()
                        + "' but the offer is allocated to role '" + role + "'");
            }
        }
        ResourceVector needed = executorRunning ? ResourceVector.of(task.getResourcesList()) : ResourceVector.of(all);
        if (!available.contains(needed)) {
            // Mesos' words and resource notation: a role without a reservation reads as (STATIC,role),
            // which is how a framework learns it must echo a dynamic reservation.
            return Optional.of("Total resources " + needed.mesosText(role) + " required by task and its executor is"
                    + " more than available " + available.mesosText(role));
        }
        return Optional.empty();
    }

    /** Mesos' rules for task ids, which become directory names in the sandbox path. */
    static Optional<String> validateId(String id) {
        if (id.isEmpty()) {
            return Optional.of("Task ID must not be empty");
        }
        if (id.length() > 255) {
            return Optional.of("Task ID must be at most 255 characters");
        }
        if (id.equals(".") || id.equals("..")) {
            return Optional.of("Task ID '" + id + "' is disallowed");
        }
        for (char c : id.toCharArray()) {
            if (c == '/' || c == '\\' || Character.isISOControl(c)) {
                return Optional.of("Task ID '" + id + "' contains invalid characters");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> validateContainer(TaskInfo task) {
        ContainerInfo container = task.hasContainer() ? task.getContainer() : null;
        if (container != null && container.getType() == ContainerInfo.Type.DOCKER && !container.hasDocker()) {
            return Optional.of("DockerInfo 'docker' is not set for DOCKER typed ContainerInfo");
        }
        return Optional.empty();
    }
}
