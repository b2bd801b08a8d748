package dev.gantry.mesos;

import org.apache.mesos.protobuf.ByteString;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.InverseOffer;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationID;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.Protos.Unavailability;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** Scheduler events for scripted answers. */
final class Events {
    private Events() {}

    static Event subscribed(String frameworkId, double heartbeatSeconds) {
        return Event.newBuilder().setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder()
                        .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                        .setHeartbeatIntervalSeconds(heartbeatSeconds))
                .build();
    }

    static Event offers(String... offerIds) {
        Event.Offers.Builder offers = Event.Offers.newBuilder();
        for (String id : offerIds) {
            offers.addOffers(Offer.newBuilder()
                    .setId(OfferID.newBuilder().setValue(id))
                    .setFrameworkId(FrameworkID.newBuilder().setValue("f"))
                    .setAgentId(agent("a-1"))
                    .setHostname("agent1"));
        }
        return Event.newBuilder().setType(Event.Type.OFFERS).setOffers(offers).build();
    }

    static Event inverseOffers(String id) {
        return Event.newBuilder().setType(Event.Type.INVERSE_OFFERS)
                .setInverseOffers(Event.InverseOffers.newBuilder().addInverseOffers(InverseOffer.newBuilder()
                        .setId(OfferID.newBuilder().setValue(id))
                        .setFrameworkId(FrameworkID.newBuilder().setValue("f"))
                        .setUnavailability(Unavailability.newBuilder()
                                .setStart(TimeInfo.newBuilder().setNanoseconds(0)))))
                .build();
    }

    static Event rescind(String offerId) {
        return Event.newBuilder().setType(Event.Type.RESCIND)
                .setRescind(Event.Rescind.newBuilder().setOfferId(OfferID.newBuilder().setValue(offerId)))
                .build();
    }

    static Event rescindInverseOffer(String id) {
        return Event.newBuilder().setType(Event.Type.RESCIND_INVERSE_OFFER)
                .setRescindInverseOffer(Event.RescindInverseOffer.newBuilder()
                        .setInverseOfferId(OfferID.newBuilder().setValue(id)))
                .build();
    }

    static Event update(String taskId, TaskState state) {
        return Event.newBuilder().setType(Event.Type.UPDATE)
                .setUpdate(Event.Update.newBuilder().setStatus(TaskStatus.newBuilder()
                        .setTaskId(TaskID.newBuilder().setValue(taskId))
                        .setAgentId(agent("a-1"))
                        .setState(state)
                        .setUuid(ByteString.copyFromUtf8("uuid-" + taskId))))
                .build();
    }

    static Event operationStatus(String operationId) {
        return Event.newBuilder().setType(Event.Type.UPDATE_OPERATION_STATUS)
                .setUpdateOperationStatus(Event.UpdateOperationStatus.newBuilder().setStatus(OperationStatus.newBuilder()
                        .setOperationId(OperationID.newBuilder().setValue(operationId))
                        .setState(OperationState.OPERATION_FINISHED)))
                .build();
    }

    static Event message(String agentId, String executorId, String data) {
        return Event.newBuilder().setType(Event.Type.MESSAGE)
                .setMessage(Event.Message.newBuilder()
                        .setAgentId(agent(agentId))
                        .setExecutorId(ExecutorID.newBuilder().setValue(executorId))
                        .setData(ByteString.copyFromUtf8(data)))
                .build();
    }

    static Event failure(String agentId) {
        return Event.newBuilder().setType(Event.Type.FAILURE)
                .setFailure(Event.Failure.newBuilder().setAgentId(agent(agentId)))
                .build();
    }

    static Event error(String message) {
        return Event.newBuilder().setType(Event.Type.ERROR)
                .setError(Event.Error.newBuilder().setMessage(message))
                .build();
    }

    static Event heartbeat() {
        return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
    }

    static AgentID agent(String id) {
        return AgentID.newBuilder().setValue(id).build();
    }
}
