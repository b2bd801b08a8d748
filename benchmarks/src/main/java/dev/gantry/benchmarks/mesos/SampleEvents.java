package dev.gantry.benchmarks.mesos;

import dev.gantry.protocol.MediaType;
import dev.gantry.protocol.RecordIo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** A realistic event stream: OFFERS from GPU agents, then UPDATEs and HEARTBEATs, as a master sends them. */
final class SampleEvents {
    private SampleEvents() {}

    /** One OFFERS event with {@code agents} offers of 8 GPUs each, the shape a scheduler sees most. */
    static Event offers(int agents) {
        Event.Offers.Builder offers = Event.Offers.newBuilder();
        for (int i = 0; i < agents; i++) {
            offers.addOffers(Offer.newBuilder()
                    .setId(OfferID.newBuilder().setValue("5a8c2f4e-0c4b-4d1e-9a52-7f3e8f0d1c2b-O" + i))
                    .setFrameworkId(FrameworkID.newBuilder().setValue("5a8c2f4e-0c4b-4d1e-9a52-7f3e8f0d1c2b-0000"))
                    .setAgentId(AgentID.newBuilder().setValue("5a8c2f4e-0c4b-4d1e-9a52-7f3e8f0d1c2b-S" + i))
                    .setHostname("gpu-node-" + i + ".example")
                    .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("ml"))
                    .addResources(scalar("cpus", 96))
                    .addResources(scalar("mem", 1_048_576))
                    .addResources(scalar("disk", 3_500_000))
                    .addResources(scalar("gpus", 8))
                    .addResources(Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).setRole("*")
                            .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(31000).setEnd(32000)))
                            .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("ml")))
                    .addAttributes(text("gpu_model", "H100-SXM5-80GB"))
                    .addAttributes(text("rack", "r" + (i % 16))));
        }
        return Event.newBuilder().setType(Event.Type.OFFERS).setOffers(offers).build();
    }

    static Event update(int i) {
        return Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder()
                .setStatus(TaskStatus.newBuilder()
                        .setTaskId(TaskID.newBuilder().setValue("executor-" + i))
                        .setState(TaskState.TASK_RUNNING)
                        .setSource(TaskStatus.Source.SOURCE_EXECUTOR)
                        .setAgentId(AgentID.newBuilder().setValue("5a8c2f4e-0c4b-4d1e-9a52-7f3e8f0d1c2b-S" + (i % 100)))
                        .setTimestamp(1.7e9 + i)
                        .setUuid(org.apache.mesos.protobuf.ByteString.copyFrom(new byte[16]))))
                .build();
    }

    /** A RecordIO stream of {@code count} events mixing offers, updates and heartbeats. */
    static byte[] stream(MediaType type, int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Event offers = offers(10);
        Event heartbeat = Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
        for (int i = 0; i < count; i++) {
            Event event = i % 10 == 0 ? offers : i % 10 == 9 ? heartbeat : update(i);
            out.write(RecordIo.frame(type.encode(event)));
        }
        return out.toByteArray();
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR).setRole("*")
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("ml")).build();
    }

    private static Attribute text(String name, String value) {
        return Attribute.newBuilder().setName(name).setType(Value.Type.TEXT)
                .setText(Value.Text.newBuilder().setValue(value)).build();
    }
}
