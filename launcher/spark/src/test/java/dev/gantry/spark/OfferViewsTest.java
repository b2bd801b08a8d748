package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.offers.OfferViews;
import dev.gantry.placement.Amounts;
import dev.gantry.placement.OfferView;
import dev.gantry.placement.OfferedResources;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.spark.scheduler.ExecutorExited;
import org.apache.spark.scheduler.ExecutorLossReason;
import org.apache.spark.scheduler.ExecutorProcessLost;
import org.junit.jupiter.api.Test;

class OfferViewsTest {
    @SuppressWarnings("deprecation")
    private static Resource scalar(String name, double value, String role, boolean revocable) {
        Resource.Builder r = Resource.newBuilder().setName(name).setType(Value.Type.SCALAR).setRole(role)
                .setScalar(Value.Scalar.newBuilder().setValue(value));
        if (revocable) {
            r.setRevocable(Resource.RevocableInfo.getDefaultInstance());
        }
        return r.build();
    }

    @Test
    void offersBecomePartsPerReservationWithAttributesAsText() {
        Offer offer = Offer.newBuilder().setId(OfferID.newBuilder().setValue("o1"))
                .setFrameworkId(FrameworkID.newBuilder().setValue("f")).setAgentId(AgentID.newBuilder().setValue("S0"))
                .setHostname("gpu-7").setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("ml"))
                .addResources(scalar("cpus", 8, "*", false)).addResources(scalar("mem", 65536, "*", false))
                .addResources(scalar("gpus", 4, "*", false)).addResources(scalar("cpus", 2, "ml", false))
                .addResources(scalar("cpus", 16, "*", true)).addResources(scalar("disk", 1000, "*", false))
                .addAttributes(Attribute.newBuilder().setName("gpu_model").setType(Value.Type.TEXT)
                        .setText(Value.Text.newBuilder().setValue("H100")))
                .addAttributes(Attribute.newBuilder().setName("gpu_memory_mb").setType(Value.Type.SCALAR)
                        .setScalar(Value.Scalar.newBuilder().setValue(81920)))
                .build();
        OfferView view = OfferViews.of(offer);
        assertThat(view.role()).isEqualTo("ml");
        assertThat(view.agentId()).isEqualTo("S0");
        assertThat(view.hostname()).isEqualTo("gpu-7");
        assertThat(view.resources()).containsExactly(
                new OfferedResources("*", false, new Amounts(8, 65536, 4)),
                new OfferedResources("ml", false, new Amounts(2, 0, 0)),
                new OfferedResources("*", true, new Amounts(16, 0, 0)));
        assertThat(view.attributes()).containsEntry("gpu_model", "H100").containsEntry("gpu_memory_mb", "81920");
    }

    private static TaskStatus status(TaskState state, String message) {
        return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("3")).setState(state)
                .setMessage(message).build();
    }

    @Test
    void sparkHearsTheExitCodeOfACrashedExecutorAndALostOneOtherwise() {
        ExecutorLossReason crashed = ExecutorStatuses.lossReason(
                status(TaskState.TASK_FAILED, "Command exited with status 137"), "gpu-7");
        assertThat(crashed).isInstanceOf(ExecutorExited.class);
        assertThat(((ExecutorExited) crashed).exitCode()).isEqualTo(137);
        assertThat(((ExecutorExited) crashed).exitCausedByApp()).isTrue();
        ExecutorLossReason signalled = ExecutorStatuses.lossReason(
                status(TaskState.TASK_FAILED, "Command terminated with signal Killed"), "gpu-7");
        assertThat(signalled).isInstanceOf(ExecutorProcessLost.class);
        assertThat(((ExecutorProcessLost) signalled).causedByApp()).isTrue();
        assertThat(signalled.message()).contains("Mesos task 3 TASK_FAILED: Command terminated with signal Killed");
        ExecutorLossReason lost = ExecutorStatuses.lossReason(status(TaskState.TASK_LOST, "agent gone"), "gpu-7");
        assertThat(((ExecutorProcessLost) lost).causedByApp()).isFalse();
        assertThat(((ExecutorProcessLost) lost).workerHost().get()).isEqualTo("gpu-7");
    }
}
