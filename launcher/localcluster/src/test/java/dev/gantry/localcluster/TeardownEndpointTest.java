package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.protocol.MediaType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /master/teardown} on the embedded master, answered and carried out as Mesos does. */
class TeardownEndpointTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private LocalCluster cluster(ClusterSpec.Builder spec) throws Exception {
        LocalCluster cluster = LocalCluster.start(spec.agent(AgentSpec.builder().cpus(2).memMb(1024).build())
                .killGracePeriod(Duration.ofMillis(500)).allocationInterval(Duration.ofMillis(100)).build());
        open.add(cluster);
        return cluster;
    }

    private static HttpResponse<String> teardown(LocalCluster cluster, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(cluster.uri().resolve("/master/teardown"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return RawScheduler.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void badRequestsGetMesosAnswers() throws Exception {
        LocalCluster cluster = cluster(ClusterSpec.builder());
        HttpResponse<String> get = RawScheduler.HTTP.send(HttpRequest.newBuilder(cluster.uri().resolve("/master/teardown"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");

        HttpResponse<String> missing = teardown(cluster, "", Map.of());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("Missing 'frameworkId' query parameter in the request body");
        assertThat(teardown(cluster, "framework=x", Map.of()).statusCode()).isEqualTo(400);

        HttpResponse<String> unknown = teardown(cluster, "frameworkId=no-such-framework", Map.of());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("No framework found with specified ID");

        HttpResponse<String> undecodable = teardown(cluster, "frameworkId=%zz", Map.of());
        assertThat(undecodable.statusCode()).isEqualTo(400);
        assertThat(undecodable.body()).startsWith("Unable to decode query string");
    }

    @Test
    void teardownKillsTheTasksClosesTheStreamAndTheFrameworkIsRemovedForGood() throws Exception {
        LocalCluster cluster = cluster(ClusterSpec.builder());
        RawScheduler scheduler = new RawScheduler(cluster.uri(), MediaType.PROTOBUF);
        open.add(scheduler);
        scheduler.subscribe(RawScheduler.framework("doomed", false).build());
        Offer offer = scheduler.offers().get(0);
        scheduler.call(TaskInfos.launch(offer, TaskInfos.shell("sleeper", offer.getAgentId(), "sleep 600", 1, 64, 0, "*")));
        scheduler.ackUntil("sleeper", TaskState.TASK_RUNNING);
        String id = scheduler.frameworkId.getValue();

        // The id is URL-encoded in the form, as curl --data-urlencode would send it.
        HttpResponse<String> response = teardown(cluster, "frameworkId=" + java.net.URLEncoder.encode(id,
                StandardCharsets.UTF_8), Map.of());
        assertThat(response.statusCode()).isEqualTo(200);

        // As Mesos: the stream just ends, no ERROR event and no update for the killed task.
        assertThat(scheduler.streamEnded(Duration.ofSeconds(5))).as("the event stream ended").isTrue();
        assertThat(scheduler.received(Event.Type.ERROR)).isFalse();

        JsonNode state = awaitTaskEnded(cluster, id);
        assertThat(state.path("frameworks")).isEmpty();
        JsonNode removed = state.path("completed_frameworks").get(0);
        assertThat(removed.path("name").asText()).isEqualTo("doomed");
        assertThat(removed.path("unregistered_time").asDouble()).isPositive();
        assertThat(removed.path("completed_tasks").get(0).path("state").asText()).isEqualTo("TASK_KILLED");
        assertThat(state.path("agents").get(0).path("used_resources").path("cpus").asDouble(0)).isZero();

        // Removed for good: resubscribing with the id is refused, and a second teardown finds nothing.
        try (RawScheduler again = new RawScheduler(cluster.uri(), MediaType.PROTOBUF)) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> again.subscribe(
                    RawScheduler.framework("doomed", false).setId(scheduler.frameworkId).build())))
                    .hasMessageContaining("Framework has been removed");
        }
        assertThat(teardown(cluster, "frameworkId=" + id, Map.of()).statusCode()).isEqualTo(400);
    }

    @Test
    void aDisconnectedFrameworkWithinItsFailoverTimeoutCanBeTornDown() throws Exception {
        LocalCluster cluster = cluster(ClusterSpec.builder());
        RawScheduler scheduler = new RawScheduler(cluster.uri(), MediaType.JSON);
        open.add(scheduler);
        scheduler.subscribe(RawScheduler.framework("away", false).setFailoverTimeout(3600).build());
        String id = scheduler.frameworkId.getValue();
        cluster.dropFrameworkConnections();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (cluster.state().json().path("frameworks").get(0).path("connected").asBoolean()
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(cluster.state().json().path("frameworks").get(0).path("connected").asBoolean()).isFalse();
        assertThat(teardown(cluster, "frameworkId=" + id, Map.of()).statusCode()).isEqualTo(200);
        assertThat(cluster.state().json().path("completed_frameworks").get(0).path("id").asText()).isEqualTo(id);
    }

    @Test
    void withCredentialsTheEndpointWantsThemFirst() throws Exception {
        LocalCluster cluster = cluster(ClusterSpec.builder()
                .credentials(FrameworkCredentials.of(Map.of("ops", "s3cret"))));
        HttpResponse<String> anonymous = teardown(cluster, "frameworkId=x", Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"mesos-master-readwrite\"");
        assertThat(teardown(cluster, "frameworkId=x", Map.of("Authorization", basic("ops", "guess"))).statusCode())
                .isEqualTo(401);
        // Authentication comes before the method check, as libprocess authenticates before routing.
        HttpResponse<String> get = RawScheduler.HTTP.send(HttpRequest.newBuilder(cluster.uri().resolve("/master/teardown"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(401);
        HttpResponse<String> known = teardown(cluster, "frameworkId=x", Map.of("Authorization", basic("ops", "s3cret")));
        assertThat(known.statusCode()).isEqualTo(400);
        assertThat(known.body()).isEqualTo("No framework found with specified ID");
    }

    @Test
    void theStateNamesAgentsAlsoAsMesosDoes() throws Exception {
        LocalCluster cluster = cluster(ClusterSpec.builder());
        JsonNode state = cluster.state().json();
        assertThat(state.path("slaves")).isEqualTo(state.path("agents")).hasSize(1);
        assertThat(state.path("activated_slaves").asInt()).isEqualTo(1);
        HttpResponse<String> served = RawScheduler.HTTP.send(HttpRequest.newBuilder(cluster.uri().resolve("/master/state"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(served.body()).contains("\"slaves\"").contains("\"agents\"");
    }

    private static JsonNode awaitTaskEnded(LocalCluster cluster, String frameworkId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode state = cluster.state().json();
            JsonNode removed = state.path("completed_frameworks").get(0);
            if (removed != null && removed.path("id").asText().equals(frameworkId)
                    && removed.path("tasks").isEmpty() && removed.path("completed_tasks").size() == 1) {
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the task did not end after the teardown: " + state);
            }
            Thread.sleep(50);
        }
    }

    private static String basic(String principal, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((principal + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
