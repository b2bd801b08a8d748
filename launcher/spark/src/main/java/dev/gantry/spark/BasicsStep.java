package dev.gantry.spark;

import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/** The task's identity: the executor id as task id, the application's name, the agent. */
final class BasicsStep implements ExecutorTaskStep {
    private final String appName;

    BasicsStep(String appName) {
        this.appName = appName;
    }

    @Override
    public void apply(ExecutorLaunch launch, TaskInfo.Builder task) {
        task.setTaskId(TaskID.newBuilder().setValue(launch.executorId()))
                .setName(appName)
                .setAgentId(launch.agentId());
    }
}
