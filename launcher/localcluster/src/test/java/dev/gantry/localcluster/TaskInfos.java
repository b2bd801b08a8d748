package dev.gantry.localcluster;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;

/** Builds the tasks and ACCEPT calls tests send. */
final class TaskInfos {
    private TaskInfos() {}

    static Resource scalar(String name, double value, String allocationRole) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(allocationRole)).build();
    }

    static TaskInfo shell(String id, AgentID agent, String command, double cpus, double mem, double gpus,
                          String role) {
        TaskInfo.Builder task = TaskInfo.newBuilder().setName(id)
                .setTaskId(TaskID.newBuilder().setValue(id)).setAgentId(agent)
                .setCommand(CommandInfo.newBuilder().setShell(true).setValue(command))
                .addResources(scalar("cpus", cpus, role)).addResources(scalar("mem", mem, role));
        if (gpus > 0) {
            task.addResources(scalar("gpus", gpus, role));
        }
        return task.build();
    }

    static Call.Builder launch(Offer offer, TaskInfo... tasks) {
        Offer.Operation.Launch.Builder launch = Offer.Operation.Launch.newBuilder();
        for (TaskInfo task : tasks) {
            launch.addTaskInfos(task);
        }
        return Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
                .addOfferIds(offer.getId())
                .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH).setLaunch(launch)));
    }
}
