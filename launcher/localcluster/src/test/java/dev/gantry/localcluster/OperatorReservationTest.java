package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator API's RESERVE_RESOURCES and UNRESERVE_RESOURCES, answered with the status codes and
 * messages a real master (../shared/mesos, no HTTP authentication) gave for the same calls.
 */
class OperatorReservationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCluster cluster;
    private static String agent;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start(ClusterSpec.builder().agent(AgentSpec.builder().cpus(2).memMb(1024).build()).build());
        agent = cluster.agents().get(0).id();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static HttpResponse<String> call(String type, String agentId, String resource) throws Exception {
        String field = type.toLowerCase(java.util.Locale.ROOT);
        String body = "{\"type\":\"" + type + "\",\"" + field + "\":{\"agent_id\":{\"value\":\"" + agentId
                + "\"},\"resources\":[" + resource + "]}}";
        return RawScheduler.HTTP.send(HttpRequest.newBuilder(cluster.uri().resolve("/api/v1"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String cpus(double amount, String role, String reservation) {
        return "{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":" + amount + "},\"role\":\"" + role + "\""
                + (reservation == null ? "" : ",\"reservation\":" + reservation) + "}";
    }

    private static JsonNode agentState() throws Exception {
        return JSON.readTree(RawScheduler.HTTP.send(HttpRequest.newBuilder(cluster.uri().resolve("/state")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("slaves").get(0);
    }

    @Test
    void aReservationIsMadeWith202AndUndoneTheSameWay() throws Exception {
        String reserved = cpus(0.5, "ops", "{\"principal\":\"ops\"}");
        assertThat(call("RESERVE_RESOURCES", agent, reserved).statusCode()).isEqualTo(202);
        assertThat(agentState().path("reserved_resources").path("ops").path("cpus").asDouble()).isEqualTo(0.5);
        assertThat(agentState().path("unreserved_resources").path("cpus").asDouble()).isEqualTo(1.5);
        assertThat(call("UNRESERVE_RESOURCES", agent, reserved).statusCode()).isEqualTo(202);
        assertThat(agentState().path("reserved_resources").has("ops")).isFalse();
        assertThat(agentState().path("unreserved_resources").path("cpus").asDouble()).isEqualTo(2);
    }

    @Test
    void whatTheAgentLacksIsAConflict() throws Exception {
        HttpResponse<String> tooMuch = call("RESERVE_RESOURCES", agent, cpus(5, "ops", "{\"principal\":\"ops\"}"));
        assertThat(tooMuch.statusCode()).isEqualTo(409);
        assertThat(tooMuch.body()).endsWith(" does not contain cpus:5");
        HttpResponse<String> notReserved = call("UNRESERVE_RESOURCES", agent, cpus(1, "ops", "{\"principal\":\"ops\"}"));
        assertThat(notReserved.statusCode()).isEqualTo(409);
        assertThat(notReserved.body()).endsWith(" does not contain cpus(reservations: [(DYNAMIC,ops,ops)]):1");
    }

    @Test
    void invalidReservationsAreBadRequests() throws Exception {
        HttpResponse<String> bareRole = call("RESERVE_RESOURCES", agent, cpus(1, "ops", null));
        assertThat(bareRole.statusCode()).isEqualTo(400);
        assertThat(bareRole.body()).startsWith("Invalid RESERVE operation on agent " + agent + " at ")
                .endsWith(": Resource cpus(reservations: [(STATIC,ops)]):1 is not dynamically reserved");
        HttpResponse<String> star = call("RESERVE_RESOURCES", agent, cpus(0.1, "*", "{\"principal\":\"ops\"}"));
        assertThat(star.statusCode()).isEqualTo(400);
        assertThat(star.body()).isEqualTo("Failed to validate master::Call: Resource 'cpus:0.1' is invalid:"
                + " Invalid reservation: role \"*\" cannot be dynamically reserved");
        HttpResponse<String> unreserveStatic = call("UNRESERVE_RESOURCES", agent, cpus(0.5, "ops", null));
        assertThat(unreserveStatic.statusCode()).isEqualTo(400);
        assertThat(unreserveStatic.body()).isEqualTo("Invalid UNRESERVE operation: Resource"
                + " cpus(reservations: [(STATIC,ops)]):0.5 is not dynamically reserved");
        HttpResponse<String> noAgent = call("RESERVE_RESOURCES", "nope", cpus(0.1, "ops", "{\"principal\":\"ops\"}"));
        assertThat(noAgent.statusCode()).isEqualTo(400);
        assertThat(noAgent.body()).isEqualTo("No agent found with specified ID");
    }
}
