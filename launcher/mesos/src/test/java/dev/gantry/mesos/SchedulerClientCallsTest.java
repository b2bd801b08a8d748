package dev.gantry.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.protocol.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.protobuf.ByteString;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchedulerClientCallsTest extends ScriptedMasterTest {
    private static final FrameworkInfo INFO = FrameworkInfos.builder("gantry-test").user("alice").roles("gpu", "cpu")
            .build();
    private static final OfferID OFFER = OfferID.newBuilder().setValue("o-1").build();
    private static final TaskID TASK = TaskID.newBuilder().setValue("t-1").build();
    private static final ExecutorID EXECUTOR = ExecutorID.newBuilder().setValue("e-1").build();


    @BeforeEach
    void scriptMaster() {
        master.onSubscribe(request -> {
            request.openStream("stream-" + master.hashCode()).send(Events.subscribed("f-1", 15));
            request.holdOpen();
        });
        master.onCall(request -> request.respond(
                request.call.getType() == Call.Type.UPDATE_FRAMEWORK ? 200 : 202, ""));
    }

    @Override
    FrameworkInfo info() {
        return INFO;
    }

    @ParameterizedTest
    @EnumSource(MediaType.class)
    void everyCallCarriesStreamIdFrameworkIdContentTypeAndCredential(MediaType type) throws Exception {
        client = builder().mediaType(type).credential(Credential.of("gantry", "pw")).build();
        client.start();
        client.awaitSubscribed(WAIT);
        String streamId = client.streamId().orElseThrow();
        String authorization = "Basic " + Base64.getEncoder().encodeToString("gantry:pw".getBytes(StandardCharsets.UTF_8));
        assertThat(master.nextSubscribe(WAIT).header("Authorization")).isEqualTo(authorization);

        TaskInfo task = TaskInfo.newBuilder().setName("worker").setTaskId(TASK).setAgentId(Events.agent("a-1"))
                .setCommand(CommandInfo.newBuilder().setValue("true")).build();
        Filters filters = Filters.newBuilder().setRefuseSeconds(120).build();
        TaskStatus update = Events.update("t-1", TaskState.TASK_RUNNING).getUpdate().getStatus();
        FrameworkInfo updated = INFO.toBuilder().setFailoverTimeout(60).build();
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        futures.add(client.launch(OFFER, List.of(task), filters));
        futures.add(client.launchGroup(OFFER, ExecutorInfo.newBuilder().setExecutorId(EXECUTOR)
                .setType(ExecutorInfo.Type.DEFAULT).build(), TaskGroupInfo.newBuilder().addTasks(task).build(), null));
        futures.add(client.decline(List.of(OFFER), filters));
        futures.add(client.revive(List.of("gpu")));
        futures.add(client.suppress(List.of("cpu")));
        futures.add(client.kill(TASK, Events.agent("a-1"), KillPolicy.getDefaultInstance()));
        futures.add(client.shutdown(EXECUTOR, Events.agent("a-1")));
        futures.add(client.acknowledge(update));
        futures.add(client.reconcile(List.of()));
        futures.add(client.message(Events.agent("a-1"), EXECUTOR, "hi".getBytes(StandardCharsets.UTF_8)));
        futures.add(client.request(List.of()));
        futures.add(client.updateFramework(updated, List.of("cpu")));
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);

        List<Call.Type> types = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            ScriptedMaster.Request call = master.nextCall(WAIT);
            types.add(call.call.getType());
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.header("Mesos-Stream-Id")).isEqualTo(streamId);
            assertThat(call.header("Content-Type")).isEqualTo(type.value());
            assertThat(call.header("Authorization")).isEqualTo(authorization);
            assertThat(call.call.getFrameworkId().getValue()).isEqualTo("f-1");
            if (call.call.getType() == Call.Type.ACKNOWLEDGE) {
                assertThat(call.call.getAcknowledge().getUuid()).isEqualTo(update.getUuid());
                assertThat(call.call.getAcknowledge().getAgentId()).isEqualTo(update.getAgentId());
            }
            if (call.call.getType() == Call.Type.UPDATE_FRAMEWORK) {
                assertThat(call.call.getUpdateFramework().getFrameworkInfo().getId().getValue()).isEqualTo("f-1");
                assertThat(call.call.getUpdateFramework().getFrameworkInfo().getFailoverTimeout()).isEqualTo(60);
            }
        }
        assertThat(types).containsExactlyInAnyOrder(Call.Type.ACCEPT, Call.Type.ACCEPT, Call.Type.DECLINE,
                Call.Type.REVIVE, Call.Type.SUPPRESS, Call.Type.KILL, Call.Type.SHUTDOWN, Call.Type.ACKNOWLEDGE,
                Call.Type.RECONCILE, Call.Type.MESSAGE, Call.Type.REQUEST, Call.Type.UPDATE_FRAMEWORK);
        assertThat(client.suppressedRoles()).containsExactly("cpu");
    }

    @Test
    void launchAcceptsTheOfferWithOneLaunchOperation() throws Exception {
        client = builder().build();
        client.start();
        client.awaitSubscribed(WAIT);
        TaskInfo task = TaskInfo.newBuilder().setName("worker").setTaskId(TASK).setAgentId(Events.agent("a-1")).build();

        client.launch(OFFER, List.of(task), null).get();

        Call.Accept accept = master.nextCall(WAIT).call.getAccept();
        assertThat(accept.getOfferIdsList()).containsExactly(OFFER);
        assertThat(accept.getOperationsList()).singleElement().satisfies(operation -> {
            assertThat(operation.getType()).isEqualTo(Offer.Operation.Type.LAUNCH);
            assertThat(operation.getLaunch().getTaskInfosList()).containsExactly(task);
        });
        assertThat(accept.hasFilters()).isFalse();
    }

    @Test
    void aCallIsNotSentBeforeTheMasterAnsweredTheOneBefore() throws Exception {
        CountDownLatch answerSuppress = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        master.onCall(request -> {
            Call.Type type = request.call.getType();
            seen.add("arrived " + type);
            if (type == Call.Type.SUPPRESS) {
                answerSuppress.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            seen.add("answered " + type);
            request.respond(202, "");
        });
        CountingHttpClient http = new CountingHttpClient();
        client = builder().httpClient(http).build();
        client.start();
        client.awaitSubscribed(WAIT);

        CompletableFuture<Void> suppress = client.suppress(List.of("gpu"));
        CompletableFuture<Void> revive = client.revive(List.of("gpu"));

        assertThat(master.nextCall(WAIT).call.getType()).isEqualTo(Call.Type.SUPPRESS);
        assertThat(http.asyncRequests()).as("REVIVE is held back while SUPPRESS is unanswered").isEqualTo(1);
        assertThat(revive).isNotDone();
        answerSuppress.countDown();
        assertThat(revive).succeedsWithin(WAIT);
        assertThat(suppress).isCompleted();
        assertThat(master.nextCall(WAIT).call.getType()).isEqualTo(Call.Type.REVIVE);
        assertThat(seen).containsExactly("arrived SUPPRESS", "answered SUPPRESS", "arrived REVIVE", "answered REVIVE");
        assertThat(client.suppressedRoles()).as("the REVIVE came last").isEmpty();
    }

    @Test
    void aRefusedCallDoesNotHoldUpTheCallsAfterIt() throws Exception {
        master.onCall(request -> request.respond(request.call.getType() == Call.Type.DECLINE ? 400 : 202, "no"));
        client = builder().build();
        client.start();
        client.awaitSubscribed(WAIT);

        CompletableFuture<Void> decline = client.decline(List.of(OFFER), null);
        CompletableFuture<Void> revive = client.revive(List.of());

        assertThat(decline).failsWithin(WAIT);
        assertThat(revive).succeedsWithin(WAIT);
    }

    @Test
    void aRefusedCallFailsWithTheStatusAndTheMastersText() throws Exception {
        master.onCall(request -> request.respond(400, "Framework 'f-1' is not subscribed"));
        client = builder().build();
        client.start();
        client.awaitSubscribed(WAIT);

        CompletableFuture<Void> decline = client.decline(List.of(OFFER), null);

        assertThat(decline).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(MesosCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body()).isEqualTo("Framework 'f-1' is not subscribed");
                    assertThat(e.callType()).isEqualTo(Call.Type.DECLINE);
                });
    }

    @Test
    void aStatusFromTheMasterIsNotAcknowledged() throws Exception {
        client = builder().build();
        client.start();
        client.awaitSubscribed(WAIT);
        TaskStatus reconciled = TaskStatus.newBuilder().setTaskId(TASK).setState(TaskState.TASK_LOST)
                .setAgentId(Events.agent("a-1")).build();

        assertThat(client.acknowledge(reconciled)).isCompleted();
        assertThat(client.acknowledge(reconciled.toBuilder().setUuid(ByteString.copyFromUtf8("u")).build()))
                .succeedsWithin(WAIT);
        assertThat(master.nextCall(WAIT).call.getType()).isEqualTo(Call.Type.ACKNOWLEDGE);
        assertThat(master.callArrivesWithin(Duration.ofMillis(100))).as("only the update with a uuid").isFalse();
    }

    @Test
    void closeLeavesTheFrameworkRegistered() throws Exception {
        client = builder().build();
        client.start();
        client.awaitSubscribed(WAIT);

        client.close();
        client.close();

        assertThat(listener.await("stopped", WAIT)).contains("closed");
        assertThat(master.callArrivesWithin(Duration.ofMillis(200))).as("no TEARDOWN").isFalse();
        master.nextSubscribe(WAIT);
        assertThat(master.subscribeArrivesWithin(Duration.ofMillis(100))).isFalse();
        assertThat(client.streamId()).isEmpty();
        assertThat(client.revive(List.of())).isCompletedExceptionally();
    }

    @Test
    void teardownRemovesTheFrameworkAndStopsResubscribing() throws Exception {
        client = builder().build();
        client.start();
        client.awaitSubscribed(WAIT);
        String streamId = client.streamId().orElseThrow();

        client.teardown().get();

        ScriptedMaster.Request teardown = master.nextCall(WAIT);
        assertThat(teardown.call.getType()).isEqualTo(Call.Type.TEARDOWN);
        assertThat(teardown.call.getFrameworkId().getValue()).isEqualTo("f-1");
        assertThat(teardown.header("Mesos-Stream-Id")).isEqualTo(streamId);
        assertThat(listener.await("stopped", WAIT)).contains("torn down");
        master.nextSubscribe(WAIT);
        assertThat(master.subscribeArrivesWithin(Duration.ofMillis(200))).as("no resubscribe").isFalse();
        assertThat(listener.all()).noneMatch(line -> line.startsWith("disconnected"));
    }
}
