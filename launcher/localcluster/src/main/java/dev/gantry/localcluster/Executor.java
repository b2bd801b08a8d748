package dev.gantry.localcluster;

import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;

/**
 * A framework's own executor (a task's {@code ExecutorInfo}) on one agent. As in Mesos, its
 * resources are charged once, when its first task launches, however many tasks later share it, and
 * come back when it ends; an embedded executor ends with the last of its tasks.
 */
final class Executor {
    final ExecutorID id;
    final ResourceVector resources;
    /** The GPUs its resources hold; every task of the executor sees them, as tasks share its container. */
    final List<GpuDevice> gpus;
    private int liveTasks;

    Executor(ExecutorID id, ResourceVector resources, List<GpuDevice> gpus) {
        this.id = id;
        this.resources = resources;
        this.gpus = List.copyOf(gpus);
    }

    /** The key under which a framework knows this executor: executor ids are unique per agent. */
    static String key(AgentID agent, ExecutorID executor) {
        return agent.getValue() + "/" + executor.getValue();
    }

    void taskStarted() {
        liveTasks++;
    }

    /** @return whether that was its last task, so the executor has ended */
    boolean taskEnded() {
        liveTasks--;
        return liveTasks == 0;
    }
}
