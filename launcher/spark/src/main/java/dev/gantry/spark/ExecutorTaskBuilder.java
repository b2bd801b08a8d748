package dev.gantry.spark;

import java.util.List;
import org.apache.mesos.v1.Protos.TaskInfo;

/** Builds an executor's Mesos task by running every step over it, in order. */
final class ExecutorTaskBuilder {
    private final List<ExecutorTaskStep> steps;

    ExecutorTaskBuilder(List<ExecutorTaskStep> steps) {
        this.steps = List.copyOf(steps);
    }

    TaskInfo build(ExecutorLaunch launch) {
        TaskInfo.Builder task = TaskInfo.newBuilder();
        for (ExecutorTaskStep step : steps) {
            step.apply(launch, task);
        }
        return task.build();
    }
}
