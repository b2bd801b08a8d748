package dev.gantry.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

class SchedulerClientReconnectTest extends ScriptedMasterTest {
    private static final FrameworkInfo INFO = FrameworkInfos.builder("gantry-test").user("alice").roles("gpu").build();


    /** Opens a stream, sends SUBSCRIBED, and keeps the stream open. */
    private static final ScriptedMaster.Script SUBSCRIBED_AND_OPEN = request -> {
        request.openStream("stream-open").send(Events.subscribed("f-1", 15));
        request.holdOpen();
    };

    @Override
    FrameworkInfo info() {
        return INFO;
    }

    @Test
    void aRedirectToTheLeaderIsFollowedAndKeptForLaterCalls() throws Exception {
        CountDownLatch endFirstStream = new CountDownLatch(1);
        try (ScriptedMaster leader = new ScriptedMaster()) {
            master.onSubscribe(request -> request.respond(307, "",
                    "Location", "//" + leader.authority() + "/api/v1/scheduler"));
            leader.onSubscribe(request -> {
                request.openStream("stream-1").send(Events.subscribed("f-1", 15));
                endFirstStream.await(10, TimeUnit.SECONDS);
            }, SUBSCRIBED_AND_OPEN);
            client = builder().build();
            client.start();

            client.awaitSubscribed(WAIT);

            assertThat(client.master()).isEqualTo(leader.uri());
            master.nextSubscribe(WAIT);
            leader.nextSubscribe(WAIT);
            client.decline(List.of(), null).get();
            assertThat(leader.nextCall(WAIT).call.getType()).isEqualTo(Call.Type.DECLINE);
            assertThat(master.callArrivesWithin(Duration.ZERO)).isFalse();

            endFirstStream.countDown();
            listener.await("disconnected", WAIT);
            assertThat(leader.nextSubscribe(WAIT).call.getFrameworkId().getValue()).isEqualTo("f-1");
            assertThat(master.subscribeArrivesWithin(Duration.ZERO)).as("the old master is not asked again").isFalse();
            client.close();
        }
    }

    @Test
    void redirectsInACircleAreCutShort() throws Exception {
        master.onSubscribe(request -> request.respond(307, "",
                "Location", "//" + master.authority() + "/api/v1/scheduler"));
        client = builder().backoff(Duration.ofSeconds(20), Duration.ofSeconds(30)).build();
        client.start();

        for (int hop = 0; hop <= MasterConnector.MAX_REDIRECTS; hop++) {
            master.nextSubscribe(WAIT);
        }

        assertThat(master.subscribeArrivesWithin(Duration.ofMillis(200))).as("backing off now").isFalse();
        assertThatThrownBy(() -> client.awaitSubscribed(Duration.ofMillis(50)))
                .hasMessageContaining("gave up after " + MasterConnector.MAX_REDIRECTS + " redirects");
    }

    @Test
    void unavailableMastersAreRetriedWithBackoff() throws Exception {
        master.onSubscribe(
                request -> request.respond(503, "No leader elected"),
                request -> request.respond(503, "Master is recovering"),
                SUBSCRIBED_AND_OPEN);
        client = builder().backoff(Duration.ofMillis(100), Duration.ofMillis(400)).build();
        client.start();

        client.awaitSubscribed(WAIT);

        long first = master.nextSubscribe(WAIT).receivedNanos;
        long second = master.nextSubscribe(WAIT).receivedNanos;
        long third = master.nextSubscribe(WAIT).receivedNanos;
        assertThat(Duration.ofNanos(second - first)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(Duration.ofNanos(third - second)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(listener.next(WAIT)).as("no disconnect: no stream was ever open").isEqualTo("subscribed f-1");
    }

    @Test
    void aMasterStillStartingItsRoutesIsRetriedLikeAnUnavailableOne() throws Exception {
        // A master answers 404 until its HTTP routes are installed; the official scheduler
        // library retries SUBSCRIBE then, as on 503.
        master.onSubscribe(request -> request.respond(404, ""), SUBSCRIBED_AND_OPEN);
        client = builder().build();
        client.start();

        client.awaitSubscribed(WAIT);

        assertThat(master.nextSubscribe(WAIT).call.getType()).isEqualTo(Call.Type.SUBSCRIBE);
        assertThat(master.nextSubscribe(WAIT).call.getType()).isEqualTo(Call.Type.SUBSCRIBE);
        assertThat(listener.next(WAIT)).isEqualTo("subscribed f-1");
    }

    @Test
    void anUnreachableMasterIsSkippedForTheNextInTheList() throws Exception {
        int refused;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            refused = socket.getLocalPort();
        }
        master.onSubscribe(SUBSCRIBED_AND_OPEN);
        // A backoff longer than the wait: only trying the next master at once can subscribe in time.
        client = builder().master("mesos://127.0.0.1:" + refused + "," + master.authority())
                .backoff(Duration.ofSeconds(20), Duration.ofSeconds(30)).build();
        client.start();

        client.awaitSubscribed(WAIT);

        assertThat(client.master()).isEqualTo(master.uri());
    }

    @Test
    void aClosedStreamLeadsToAResubscribeAsTheSameFramework() throws Exception {
        CountDownLatch endFirstStream = new CountDownLatch(1);
        master.onSubscribe(request -> {
            request.openStream("stream-1").send(Events.subscribed("f-1", 15));
            endFirstStream.await(10, TimeUnit.SECONDS);
        }, request -> {
            request.openStream("stream-2").send(Events.subscribed("f-1", 15));
            request.holdOpen();
        });
        client = builder().build();
        client.start();
        client.awaitSubscribed(WAIT);
        assertThat(master.nextSubscribe(WAIT).call.hasFrameworkId()).isFalse();
        client.suppress(List.of("gpu")).get();

        endFirstStream.countDown();

        ScriptedMaster.Request resubscribe = master.nextSubscribe(WAIT);
        assertThat(resubscribe.call.getFrameworkId().getValue()).isEqualTo("f-1");
        assertThat(resubscribe.call.getSubscribe().getFrameworkInfo().getId().getValue()).isEqualTo("f-1");
        assertThat(resubscribe.call.getSubscribe().getSuppressedRolesList())
                .as("a reconnect keeps suppressed roles suppressed").containsExactly("gpu");
        assertThat(resubscribe.header("Mesos-Stream-Id")).isNull();
        assertThat(listener.next(WAIT)).isEqualTo("subscribed f-1");
        assertThat(listener.next(WAIT)).isEqualTo("disconnected the master closed the event stream");
        assertThat(listener.next(WAIT)).isEqualTo("subscribed f-1");
        assertThat(client.streamId()).contains("stream-2");
    }

    @Test
    void heartbeatSilenceDropsTheConnectionAndResubscribes() throws Exception {
        master.onSubscribe(request -> {
            request.openStream("stream-1").send(Events.subscribed("f-1", 1));
            request.holdOpen();
        }, request -> {
            request.openStream("stream-2").send(Events.subscribed("f-1", 1), Events.heartbeat());
            request.holdOpen();
        });
        client = builder().build();
        client.start();
        client.awaitSubscribed(WAIT);
        long subscribed = master.nextSubscribe(WAIT).receivedNanos;

        // Five missed heartbeats of one second: the read blocked in the JDK HttpClient's stream
        // must be ended from outside, or no resubscribe can ever happen.
        ScriptedMaster.Request resubscribe = master.nextSubscribe(Duration.ofSeconds(8));

        Duration silence = Duration.ofNanos(resubscribe.receivedNanos - subscribed);
        assertThat(silence).isBetween(Duration.ofMillis(4_800), Duration.ofMillis(6_500));
        assertThat(resubscribe.call.getSubscribe().getFrameworkInfo().getId().getValue()).isEqualTo("f-1");
        assertThat(resubscribe.call.getFrameworkId().getValue()).isEqualTo("f-1");
        assertThat(listener.await("disconnected", WAIT)).contains("5 heartbeats of 1.0 s missed");
        assertThat(listener.next(WAIT)).isEqualTo("subscribed f-1");
        assertThat(listener.next(WAIT)).isEqualTo("heartbeat");
    }

    @Test
    void anOversizedRecordIsRefusedUnreadAndTheClientReconnects() throws Exception {
        master.onSubscribe(request -> {
            // Nearly 100 GB announced: a reader trusting the prefix would try to allocate it.
            request.openStream("stream-1").send(Events.subscribed("f-1", 15)).sendRaw("99999999999\n{");
            request.holdOpen();
        }, SUBSCRIBED_AND_OPEN);
        client = builder().build();
        client.start();

        assertThat(listener.next(WAIT)).isEqualTo("subscribed f-1");
        assertThat(listener.next(WAIT)).startsWith("disconnected").contains("exceeds the limit");
        assertThat(listener.next(WAIT)).isEqualTo("subscribed f-1");
        master.nextSubscribe(WAIT);
        assertThat(master.nextSubscribe(WAIT).call.getFrameworkId().getValue()).isEqualTo("f-1");
    }

    @Test
    void closeEndsASubscribeTheMasterNeverAnswers() throws Exception {
        master.onSubscribe(ScriptedMaster.Request::holdOpen);
        client = builder().build();
        client.start();
        master.nextSubscribe(WAIT);

        long start = System.nanoTime();
        client.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(listener.next(WAIT)).startsWith("stopped").contains("closed");
    }

    @Test
    void unauthorizedStopsTheClientNamingThePrincipalButNeverTheSecret() throws Exception {
        String secret = "Tr0ub4dor&3-never-print";
        String encoded = Base64.getEncoder().encodeToString(("gantry:" + secret).getBytes(StandardCharsets.UTF_8));
        master.onSubscribe(request -> request.respond(401, "Authentication failed",
                "WWW-Authenticate", "Basic realm=\"mesos-master-scheduler\""));
        Credential credential = Credential.of("gantry", secret);
        try (LogCapture logs = LogCapture.open()) {
            client = builder().credential(credential).build();
            client.start();

            String stopped = listener.next(WAIT);
            Throwable awaitFailure = org.assertj.core.api.Assertions.catchThrowable(() -> client.awaitSubscribed(WAIT));

            assertThat(stopped).startsWith("stopped").contains("principal 'gantry'").contains("401")
                    .contains("mesos-master-scheduler");
            assertThat(awaitFailure).isInstanceOf(IllegalStateException.class).hasMessageContaining("'gantry'");
            assertThat(master.nextSubscribe(WAIT).header("Authorization")).isEqualTo("Basic " + encoded);
            assertThat(master.subscribeArrivesWithin(Duration.ofMillis(200))).as("no retry").isFalse();
            assertThat(logs.text()).contains("subscribing to").contains("principal 'gantry'");
            for (String text : List.of(stopped, awaitFailure.toString(), logs.text(), credential.toString(),
                    client.toString())) {
                assertThat(text).doesNotContain(secret).doesNotContain(encoded);
            }
        }
    }

    @Test
    void aMasterThatDemandsAuthenticationSaysSoWithoutACredential() throws Exception {
        master.onSubscribe(request -> request.respond(401, "",
                "WWW-Authenticate", "Basic realm=\"mesos-master-scheduler\""));
        client = builder().build();
        client.start();

        assertThat(listener.next(WAIT)).startsWith("stopped").contains("requires authentication")
                .contains("Credential");
        assertThatThrownBy(() -> client.awaitSubscribed(WAIT)).isInstanceOf(IllegalStateException.class);
    }
}
