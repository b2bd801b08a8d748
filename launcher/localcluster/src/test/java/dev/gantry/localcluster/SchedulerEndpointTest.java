package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.protocol.Fixtures;
import dev.gantry.protocol.MediaType;
import dev.gantry.protocol.MesosJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The master's HTTP answers, status by status, as Mesos gives them. */
class SchedulerEndpointTest {
    private static LocalCluster cluster;
    private static URI endpoint;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start(ClusterSpec.builder()
                .agent(AgentSpec.builder().cpus(2).memMb(2048).build())
                .heartbeatInterval(Duration.ofMillis(300))
                .build());
        endpoint = cluster.uri().resolve("/api/v1/scheduler");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static HttpResponse<String> post(String contentType, byte[] body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return RawScheduler.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyPostIsAllowed() throws Exception {
        HttpResponse<String> response = RawScheduler.HTTP.send(HttpRequest.newBuilder(endpoint).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void contentTypeMustBePresentAndKnown() throws Exception {
        assertThat(post(null, json("{}"), Map.of()).statusCode()).isEqualTo(400);
        assertThat(post(null, json("{}"), Map.of()).body()).isEqualTo("Expecting 'Content-Type' to be present");
        HttpResponse<String> xml = post("application/xml", json("<call/>"), Map.of());
        assertThat(xml.statusCode()).isEqualTo(415);
        assertThat(xml.body()).contains("application/json").contains("application/x-protobuf");
    }

    @Test
    void malformedBodiesAreRejectedWithTheReason() throws Exception {
        HttpResponse<String> badJson = post("application/json", json("{\"type\":"), Map.of());
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).startsWith("Failed to convert JSON into Call protobuf");
        HttpResponse<String> badProtobuf = post("application/x-protobuf", new byte[] {(byte) 0xff, 0x01, 0x02}, Map.of());
        assertThat(badProtobuf.statusCode()).isEqualTo(400);
        assertThat(badProtobuf.body()).startsWith("Failed to parse body into Call protobuf");
    }

    @Test
    void callsFailingValidationAre400() throws Exception {
        HttpResponse<String> noPayload = post("application/json",
                json("{\"type\":\"ACCEPT\",\"framework_id\":{\"value\":\"x\"}}"), Map.of());
        assertThat(noPayload.statusCode()).isEqualTo(400);
        assertThat(noPayload.body()).isEqualTo("Failed to validate scheduler::Call: Expecting 'accept' to be present");
        HttpResponse<String> noFramework = post("application/json", json("{\"type\":\"TEARDOWN\"}"), Map.of());
        assertThat(noFramework.body()).endsWith("Expecting 'framework_id' to be present");
    }

    @Test
    void subscribeNeedsAnAcceptableMediaTypeAndNoStreamId() throws Exception {
        byte[] subscribe = MediaType.JSON.encode(subscribeCall(RawScheduler.framework("accept", false).build()));
        HttpResponse<String> html = post("application/json", subscribe, Map.of("Accept", "text/html"));
        assertThat(html.statusCode()).isEqualTo(406);
        HttpResponse<String> withStream = post("application/json", subscribe,
                Map.of("Accept", "application/json", "Mesos-Stream-Id", "abc"));
        assertThat(withStream.statusCode()).isEqualTo(400);
        assertThat(withStream.body()).contains("Mesos-Stream-Id");
    }

    @Test
    void unknownFrameworksAndWrongStreamsAreRefused() throws Exception {
        byte[] teardown = MediaType.JSON.encode(Call.newBuilder().setType(Call.Type.TEARDOWN)
                .setFrameworkId(FrameworkID.newBuilder().setValue("nobody")).build());
        HttpResponse<String> unknown = post("application/json", teardown, Map.of("Mesos-Stream-Id", "s"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("Framework cannot be found");

        try (RawScheduler scheduler = new RawScheduler(cluster.uri(), MediaType.JSON)) {
            scheduler.subscribe(RawScheduler.framework("streams", false).build());
            Call revive = Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(scheduler.frameworkId).build();
            HttpResponse<String> missing = scheduler.send(revive, null);
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(missing.body()).contains("should include the 'Mesos-Stream-Id' header");
            HttpResponse<String> wrong = scheduler.send(revive, "not-the-stream");
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(wrong.body()).contains("didn't match the stream ID");
            assertThat(scheduler.send(revive, scheduler.streamId).statusCode()).isEqualTo(202);
        }
    }

    @Test
    void aDisconnectedFrameworkIsNotSubscribed() throws Exception {
        RawScheduler scheduler = new RawScheduler(cluster.uri(), MediaType.PROTOBUF);
        scheduler.subscribe(RawScheduler.framework("away", false).setFailoverTimeout(60).build());
        String streamId = scheduler.streamId;
        FrameworkID id = scheduler.frameworkId;
        cluster.dropFrameworkConnections();
        // The master notices when the stream ends; after that the framework is known but not subscribed.
        Call revive = Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(id).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> response;
        do {
            response = scheduler.send(revive, streamId);
        } while (response.statusCode() != 403 && System.nanoTime() < deadline);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("Framework is not subscribed");
        scheduler.close();
    }

    @Test
    void jsonAndProtobufStreamsCarryTheirOwnContentType() throws Exception {
        for (MediaType type : MediaType.values()) {
            try (RawScheduler scheduler = new RawScheduler(cluster.uri(), type)) {
                Event.Subscribed subscribed = scheduler.subscribe(RawScheduler.framework("media-" + type, false).build());
                assertThat(subscribed.getHeartbeatIntervalSeconds()).isEqualTo(0.3);
                assertThat(scheduler.offers()).isNotEmpty();
            }
        }
    }

    @Test
    void heartbeatsArriveAtTheAdvertisedInterval() throws Exception {
        try (RawScheduler scheduler = new RawScheduler(cluster.uri(), MediaType.PROTOBUF)) {
            scheduler.subscribe(RawScheduler.framework("heartbeat", false).build());
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                scheduler.next(Event.Type.HEARTBEAT);
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMillis).isBetween(500L, 5000L);
        }
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        try (LocalCluster small = LocalCluster.start(ClusterSpec.builder()
                .agent(AgentSpec.builder().build()).maxRequestBytes(1024).build())) {
            HttpResponse<String> response = RawScheduler.HTTP.send(HttpRequest.newBuilder(
                            small.uri().resolve("/api/v1/scheduler"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4096])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
        }
    }

    @Test
    void authenticationIsBasicWithTheMesosRealm() throws Exception {
        try (LocalCluster secured = LocalCluster.start(ClusterSpec.builder().agent(AgentSpec.builder().build())
                .credentials(FrameworkCredentials.of(Map.of("ml-team", "s3cret"))).build())) {
            URI api = secured.uri().resolve("/api/v1/scheduler");
            byte[] subscribe = MediaType.JSON.encode(subscribeCall(
                    RawScheduler.framework("auth", false).setPrincipal("ml-team").build()));
            HttpResponse<String> anonymous = RawScheduler.HTTP.send(HttpRequest.newBuilder(api)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(subscribe))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Basic realm=\"mesos-master-scheduler\"");
            HttpResponse<String> wrongSecret = RawScheduler.HTTP.send(HttpRequest.newBuilder(api)
                    .header("Content-Type", "application/json").header("Authorization", basic("ml-team", "guess"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(subscribe)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrongSecret.statusCode()).isEqualTo(401);
            byte[] otherPrincipal = MediaType.JSON.encode(subscribeCall(
                    RawScheduler.framework("auth", false).setPrincipal("someone-else").build()));
            HttpResponse<String> mismatch = RawScheduler.HTTP.send(HttpRequest.newBuilder(api)
                    .header("Content-Type", "application/json").header("Authorization", basic("ml-team", "s3cret"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(otherPrincipal)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(mismatch.statusCode()).isEqualTo(400);
            assertThat(mismatch.body()).contains("does not match principal").doesNotContain("s3cret");
            HttpResponse<java.io.InputStream> ok = RawScheduler.HTTP.send(HttpRequest.newBuilder(api)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("Authorization", basic("ml-team", "s3cret"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(subscribe)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Mesos-Stream-Id")).isPresent();
            ok.body().close();
            HttpResponse<String> state = RawScheduler.HTTP.send(HttpRequest.newBuilder(secured.uri().resolve("/state"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(state.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aStandbyMasterRedirectsWithAProtocolRelativeLocation() throws Exception {
        try (LocalCluster standby = LocalCluster.start(ClusterSpec.builder().standbyOf(cluster.uri()).build())) {
            HttpResponse<String> response = RawScheduler.HTTP.send(HttpRequest.newBuilder(
                    standby.uri().resolve("/api/v1/scheduler")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(307);
            assertThat(response.headers().firstValue("Location"))
                    .hasValue("//127.0.0.1:" + cluster.port() + "/api/v1/scheduler");
        }
    }

    @Test
    void theCallFixturesAreAcceptedFromASubscribedFramework() throws Exception {
        try (RawScheduler scheduler = new RawScheduler(cluster.uri(), MediaType.JSON)) {
            FrameworkInfo info = RawScheduler.framework("fixtures", false).clearRoles()
                    .addRoles("test1").addRoles("test2").build();
            scheduler.subscribe(info);
            for (Path file : Fixtures.calls()) {
                Call call = MesosJson.parse(Fixtures.read(file), Call.newBuilder(), MesosJson.UnknownFields.REJECT);
                if (call.getType() == Call.Type.SUBSCRIBE || call.getType() == Call.Type.TEARDOWN) {
                    continue;
                }
                Call.Builder ours = call.toBuilder().setFrameworkId(scheduler.frameworkId);
                if (call.getType() == Call.Type.UPDATE_FRAMEWORK) {
                    // A real master refuses a new user in UPDATE_FRAMEWORK (MESOS-703), so keep ours.
                    ours.getUpdateFrameworkBuilder().getFrameworkInfoBuilder().setId(scheduler.frameworkId)
                            .setUser(info.getUser());
                }
                HttpResponse<String> response = scheduler.send(ours.build(), scheduler.streamId);
                int expected = call.getType() == Call.Type.UPDATE_FRAMEWORK ? 200 : 202;
                assertThat(response.statusCode()).as("%s: %s", file.getFileName(), response.body()).isEqualTo(expected);
            }
            // The ACCEPT fixture names an offer this master never made: Mesos answers 202 and then
            // reports the task lost with REASON_INVALID_OFFERS.
            Event lost = scheduler.next(Duration.ofSeconds(5), e -> e.getType() == Event.Type.UPDATE
                    && e.getUpdate().getStatus().getTaskId().getValue().equals("12220-3440-12532-my-task"));
            assertThat(lost.getUpdate().getStatus().getReason().name()).isEqualTo("REASON_INVALID_OFFERS");
            HttpResponse<String> teardown = scheduler.call(Call.newBuilder().setType(Call.Type.TEARDOWN));
            assertThat(teardown.statusCode()).isEqualTo(202);
        }
    }

    @Test
    void unknownPathsAre404() throws Exception {
        HttpResponse<String> response = RawScheduler.HTTP.send(HttpRequest.newBuilder(
                cluster.uri().resolve("/api/v1/schedulers")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    static Call subscribeCall(FrameworkInfo info) {
        return Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info)).build();
    }

    static String basic(String principal, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((principal + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
