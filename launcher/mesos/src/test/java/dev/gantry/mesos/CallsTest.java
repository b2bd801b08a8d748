package dev.gantry.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.protocol.MediaType;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

class CallsTest {
    private static final FrameworkInfo INFO = FrameworkInfos.builder("gantry").user("alice").roles("gpu").build();
    private static final FrameworkID ID = FrameworkID.newBuilder().setValue("f-1").build();

    @Test
    void aFirstSubscribeNamesNoFramework() {
        Call call = Calls.subscribe(INFO, Optional.empty(), List.of("gpu"));
        assertThat(call.getType()).isEqualTo(Call.Type.SUBSCRIBE);
        assertThat(call.hasFrameworkId()).isFalse();
        assertThat(call.getSubscribe().getFrameworkInfo().hasId()).isFalse();
        assertThat(call.getSubscribe().getSuppressedRolesList()).containsExactly("gpu");
    }

    @Test
    void aResubscribeNamesTheFrameworkTwice() {
        Call call = Calls.subscribe(INFO, Optional.of(ID), List.of());
        assertThat(call.getFrameworkId()).isEqualTo(ID);
        assertThat(call.getSubscribe().getFrameworkInfo().getId()).isEqualTo(ID);
    }

    @Test
    void everyOtherCallCarriesTheFrameworkIdAndItsType() {
        List<Call> calls = List.of(
                Calls.teardown(ID),
                Calls.accept(ID, List.of(), List.of(Calls.launch(List.of())), null),
                Calls.decline(ID, List.of(), null),
                Calls.revive(ID, List.of("gpu")),
                Calls.suppress(ID, List.of()),
                Calls.reconcile(ID, List.of()),
                Calls.request(ID, List.of()),
                Calls.updateFramework(ID, INFO, List.of("gpu")));
        assertThat(calls).extracting(Call::getType).containsExactly(Call.Type.TEARDOWN, Call.Type.ACCEPT,
                Call.Type.DECLINE, Call.Type.REVIVE, Call.Type.SUPPRESS, Call.Type.RECONCILE, Call.Type.REQUEST,
                Call.Type.UPDATE_FRAMEWORK);
        for (Call call : calls) {
            assertThat(call.getFrameworkId()).isEqualTo(ID);
            // Both encodings carry every call the client sends.
            assertThat((Call) MediaType.JSON.decode(MediaType.JSON.encode(call), Call.newBuilder())).isEqualTo(call);
        }
        assertThat(calls.get(7).getUpdateFramework().getFrameworkInfo().getId()).isEqualTo(ID);
    }

    @Test
    void frameworkInfosDeclareMultiRoleAndGpus() {
        assertThat(INFO.getCapabilitiesList()).extracting(c -> c.getType())
                .containsExactly(FrameworkInfo.Capability.Type.MULTI_ROLE, FrameworkInfo.Capability.Type.GPU_RESOURCES);
        assertThat(INFO.getRolesList()).containsExactly("gpu");
        FrameworkInfo plain = FrameworkInfos.builder("cpu-only").gpuResources(false)
                .failoverTimeout(java.time.Duration.ofMinutes(10)).checkpoint(true).principal("p").build();
        assertThat(plain.getCapabilitiesList()).extracting(c -> c.getType())
                .containsExactly(FrameworkInfo.Capability.Type.MULTI_ROLE);
        assertThat(plain.getRolesList()).containsExactly("*");
        assertThat(plain.getUser()).isEqualTo(System.getProperty("user.name"));
        assertThat(plain.getFailoverTimeout()).isEqualTo(600.0);
        assertThat(plain.getCheckpoint()).isTrue();
        assertThat(plain.getPrincipal()).isEqualTo("p");
        assertThat(plain.hasHostname()).isFalse();
    }

    @Test
    void statusWithoutUuidNeedsNoAcknowledgement() {
        TaskStatus fromMaster = TaskStatus.newBuilder()
                .setTaskId(org.apache.mesos.v1.Protos.TaskID.newBuilder().setValue("t"))
                .setState(org.apache.mesos.v1.Protos.TaskState.TASK_LOST)
                .build();
        SchedulerClient client = SchedulerClient.builder().master("mesos://127.0.0.1:1").frameworkInfo(INFO).build();
        assertThat(client.acknowledge(fromMaster)).isCompleted().isNotCompletedExceptionally();
        // One that needs it fails fast: the client has no subscription to send it on.
        TaskStatus fromAgent = fromMaster.toBuilder()
                .setUuid(org.apache.mesos.protobuf.ByteString.copyFromUtf8("u"))
                .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("a"))
                .build();
        assertThat(client.acknowledge(fromAgent)).isCompletedExceptionally();
        client.close();
    }
}
