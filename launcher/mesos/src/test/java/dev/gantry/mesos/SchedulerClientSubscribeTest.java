package dev.gantry.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.protocol.MediaType;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchedulerClientSubscribeTest extends ScriptedMasterTest {
    private static final FrameworkInfo INFO = FrameworkInfos.builder("gantry-test").user("alice").roles("gpu").build();


    @Override
    FrameworkInfo info() {
        return INFO;
    }

    @ParameterizedTest
    @EnumSource(MediaType.class)
    void subscribesInTheChosenMediaType(MediaType type) throws Exception {
        master.onSubscribe(request -> {
            request.openStream("stream-1").send(Events.subscribed("f-1", 15), Events.offers("o-1"));
            request.holdOpen();
        });
        client = builder().mediaType(type).build();
        client.start();

        FrameworkID id = client.awaitSubscribed(WAIT);

        assertThat(id.getValue()).isEqualTo("f-1");
        ScriptedMaster.Request subscribe = master.nextSubscribe(WAIT);
        assertThat(subscribe.method()).isEqualTo("POST");
        assertThat(subscribe.header("Content-Type")).isEqualTo(type.value());
        assertThat(subscribe.header("Accept")).isEqualTo(type.value());
        assertThat(subscribe.header("Mesos-Stream-Id")).as("SUBSCRIBE opens the stream").isNull();
        assertThat(subscribe.header("Authorization")).isNull();
        assertThat(subscribe.header("Upgrade")).as("plain HTTP/1.1, no h2c upgrade").isNull();
        assertThat(subscribe.contentType).isEqualTo(type);
        assertThat(subscribe.call.getType()).isEqualTo(Call.Type.SUBSCRIBE);
        assertThat(subscribe.call.hasFrameworkId()).isFalse();
        assertThat(subscribe.call.getSubscribe().getFrameworkInfo()).isEqualTo(INFO);
        assertThat(listener.next(WAIT)).isEqualTo("subscribed f-1");
        assertThat(listener.next(WAIT)).isEqualTo("offers o-1");
        assertThat(client.streamId()).contains("stream-1");
        assertThat(client.frameworkId()).contains(id);
        assertThat(client.master()).isEqualTo(master.uri());
    }

    @Test
    void aPrincipalWithoutACredentialIsSentInFrameworkInfoWithoutAuthorization() throws Exception {
        master.onSubscribe(request -> {
            request.openStream("stream-1").send(Events.subscribed("f-1", 15));
            request.holdOpen();
        });
        client = builder().frameworkInfo(INFO.toBuilder().setPrincipal("ml").build()).build();
        client.start();

        client.awaitSubscribed(WAIT);

        ScriptedMaster.Request subscribe = master.nextSubscribe(WAIT);
        assertThat(subscribe.call.getSubscribe().getFrameworkInfo().getPrincipal()).isEqualTo("ml");
        assertThat(subscribe.header("Authorization")).isNull();
    }

    @Test
    void aJsonEventWithAnEnumValueFromANewerMasterStillReachesTheListener() throws Exception {
        master.onSubscribe(request -> {
            request.openStream("stream-1").send(Events.subscribed("f-1", 15)).sendRaw(json(
                    "{\"type\":\"UPDATE\",\"update\":{\"status\":{\"task_id\":{\"value\":\"t-1\"},"
                    + "\"state\":\"TASK_RUNNING\",\"reason\":\"REASON_FROM_A_NEWER_MESOS\"}}}"));
            request.holdOpen();
        });
        client = builder().mediaType(MediaType.JSON).build();
        client.start();

        assertThat(listener.next(WAIT)).isEqualTo("subscribed f-1");
        assertThat(listener.next(WAIT)).startsWith("update t-1 TASK_RUNNING");
    }

    private static String json(String event) {
        return event.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\n" + event;
    }

    @Test
    void eventsReachTheListenerInOrderOnOneThread() throws Exception {
        master.onSubscribe(request -> {
            request.openStream("stream-1").send(
                    Events.subscribed("f-1", 15),
                    Events.offers("o-1", "o-2"),
                    Events.rescind("o-1"),
                    Events.update("t-1", TaskState.TASK_RUNNING),
                    Events.message("a-1", "e-1", "hello"),
                    Events.failure("a-2"),
                    Events.heartbeat(),
                    Events.inverseOffers("i-1"),
                    Events.rescindInverseOffer("i-1"),
                    Events.operationStatus("op-1"),
                    Events.offers("o-3"));
            request.holdOpen();
        });
        client = builder().build();
        client.start();

        listener.await("offers o-3", WAIT);

        assertThat(listener.all()).containsExactly(
                "subscribed f-1",
                "offers o-1,o-2",
                "rescind o-1",
                "update t-1 TASK_RUNNING",
                "message a-1 e-1 hello",
                "failure a-2",
                "heartbeat",
                "inverseOffers i-1",
                "rescindInverseOffer i-1",
                "operationStatus op-1 OPERATION_FINISHED",
                "offers o-3");
        assertThat(listener.threads).allMatch(thread -> thread == listener.threads.get(0))
                .noneMatch(thread -> thread == Thread.currentThread());
    }

    @Test
    void aListenerThatThrowsDoesNotEndTheSubscription() throws Exception {
        master.onSubscribe(request -> {
            request.openStream("stream-1").send(Events.subscribed("f-1", 15), Events.offers("o-1"),
                    Events.offers("o-2"));
            request.holdOpen();
        });
        RecordingListener after = new RecordingListener();
        client = builder().listener(new SchedulerListener() {
            @Override
            public void offers(List<org.apache.mesos.v1.Protos.Offer> offers) {
                after.offers(offers);
                throw new IllegalStateException("scheduler bug");
            }
        }).build();
        client.start();

        assertThat(after.next(WAIT)).isEqualTo("offers o-1");
        assertThat(after.next(WAIT)).isEqualTo("offers o-2");
        assertThat(client.streamId()).isPresent();
    }

    @Test
    void anErrorEventStopsTheClientForGood() throws Exception {
        master.onSubscribe(request -> {
            request.openStream("stream-1").send(Events.subscribed("f-1", 15),
                    Events.error("Framework has been removed"));
            request.holdOpen();
        });
        client = builder().build();
        client.start();

        assertThat(listener.next(WAIT)).isEqualTo("subscribed f-1");
        assertThat(listener.next(WAIT)).isEqualTo("error Framework has been removed");
        assertThat(listener.next(WAIT)).startsWith("stopped").contains("Framework has been removed");
        master.nextSubscribe(WAIT);
        assertThat(master.subscribeArrivesWithin(Duration.ofMillis(300))).as("no resubscribe").isFalse();
        assertThatThrownBy(() -> client.awaitSubscribed(WAIT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Framework has been removed");
        assertThat(client.decline(List.of(), null)).failsWithin(WAIT)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRefusedSubscribeStopsWithTheMastersMessage() throws Exception {
        master.onSubscribe(request -> request.respond(400, "Failed to validate scheduler::Call: Expecting"
                + " 'framework_info' to be present"));
        client = builder().build();
        client.start();

        assertThat(listener.next(WAIT)).startsWith("stopped").contains("HTTP 400")
                .contains("Expecting 'framework_info' to be present");
        assertThatThrownBy(() -> client.awaitSubscribed(WAIT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HTTP 400");
        master.nextSubscribe(WAIT);
        assertThat(master.subscribeArrivesWithin(Duration.ofMillis(200))).isFalse();
    }

    @Test
    void awaitSubscribedTimesOutNamingTheProblem() throws Exception {
        master.onSubscribe(request -> request.respond(503, "No leader elected"));
        client = builder().build();
        client.start();
        master.nextSubscribe(WAIT);

        assertThatThrownBy(() -> client.awaitSubscribed(Duration.ofMillis(200)))
                .isInstanceOf(java.util.concurrent.TimeoutException.class)
                .hasMessageContaining("503").hasMessageContaining("No leader elected");
    }

    @Test
    void callsBeforeSubscribedFailFast() {
        client = builder().build();
        assertThat(client.revive(List.of())).isCompletedExceptionally();
        assertThatThrownBy(() -> client.revive(List.of()).join())
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("not subscribed");
        assertThat(client.teardown()).isCompletedExceptionally();
    }

    @Test
    void aGivenHttpClientIsUsedWithHttp11() throws Exception {
        master.onSubscribe(request -> {
            request.openStream("stream-1").send(Events.subscribed("f-1", 15));
            request.holdOpen();
        });
        // The JDK's default prefers HTTP/2, which over http:// means an h2c upgrade Mesos does not speak.
        client = builder().httpClient(java.net.http.HttpClient.newHttpClient()).build();
        client.start();

        client.awaitSubscribed(WAIT);

        assertThat(master.nextSubscribe(WAIT).header("Upgrade")).isNull();
    }

    @Test
    void anHttpClientThatFollowsRedirectsIsRefused() {
        java.net.http.HttpClient following = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
        assertThatThrownBy(() -> builder().httpClient(following).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("307");
    }

    @Test
    void aZooKeeperMasterIsNamedByItsUrlUntilALeaderIsDetected() {
        SchedulerClient client = builder().master("mesos://zk://ops:pw@zk1:2181,zk2:2181/mesos").build();
        assertThat(client.master()).hasToString("zk://ops:***@zk1:2181,zk2:2181/mesos");
        client.close();
    }

    @Test
    void aZooKeeperUrlWithoutAPathIsRefused() {
        assertThatThrownBy(() -> SchedulerClient.builder().master("zk://zk1:2181"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no path");
    }

    @Test
    void aCredentialForAnotherPrincipalIsRefused() {
        FrameworkInfo other = INFO.toBuilder().setPrincipal("someone-else").build();
        assertThatThrownBy(() -> builder().frameworkInfo(other).credential(Credential.of("gantry", "pw")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("someone-else")
                .hasMessageNotContaining("pw'");
    }
}
