package dev.gantry.localcluster;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.mesos.protobuf.ByteString;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** The scheduler events, and the statuses the master makes up itself, that the master's parts send. */
final class MasterEvents {
    private MasterEvents() {}

    /** A master-generated update: no uuid, so the framework must not (and cannot) acknowledge it. */
    static TaskStatus masterStatus(TaskID taskId, AgentID agentId, TaskState state, String message,
                                   TaskStatus.Reason reason) {
        TaskStatus.Builder status = TaskStatus.newBuilder()
                .setTaskId(taskId)
                .setState(state)
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(reason)
                .setMessage(message)
                .setTimestamp(System.currentTimeMillis() / 1000.0);
        if (agentId != null && !agentId.getValue().isEmpty()) {
            status.setAgentId(agentId);
        }
        return status.build();
    }

    static Event update(TaskStatus status) {
        return Event.newBuilder().setType(Event.Type.UPDATE)
                .setUpdate(Event.Update.newBuilder().setStatus(status)).build();
    }

    static Event operationUpdate(OperationStatus.Builder status) {
        return Event.newBuilder().setType(Event.Type.UPDATE_OPERATION_STATUS)
                .setUpdateOperationStatus(Event.UpdateOperationStatus.newBuilder().setStatus(status)).build();
    }

    static Event error(String message) {
        return Event.newBuilder().setType(Event.Type.ERROR)
                .setError(Event.Error.newBuilder().setMessage(message)).build();
    }

    /** A status update's uuid, which its acknowledgement echoes: 16 random bytes. */
    static ByteString randomUuid() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return ByteString.copyFrom(bytes.array());
    }
}
