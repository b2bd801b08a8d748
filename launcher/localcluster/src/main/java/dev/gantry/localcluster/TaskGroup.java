package dev.gantry.localcluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Tasks launched together with LAUNCH_GROUP under one default executor: the executor's own
 * resources are held until the last task ends, and, as Mesos' default executor does, the group
 * is killed when one of its tasks fails or is killed.
 */
final class TaskGroup {
    final String id;
    final ResourceVector executorResources;
    final List<Task> tasks = new ArrayList<>();
    boolean executorResourcesRecovered;

    TaskGroup(String id, ResourceVector executorResources) {
        this.id = id;
        this.executorResources = executorResources;
    }

    boolean allTerminal() {
        return tasks.stream().allMatch(Task::terminal);
    }
}
