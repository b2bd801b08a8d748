package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.protocol.MediaType;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The master's small HTTP endpoints and its v1 operator API, answered as a real Mesos 1.x master
 * answers them (checked with curl against ../shared/mesos).
 */
class OperatorEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCluster cluster;
    private static LocalCluster standby;
    private static RawScheduler scheduler;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start(ClusterSpec.builder()
                .agent(AgentSpec.builder().cpus(2).memMb(1024).attribute("rack", "r1").build()).build());
        standby = LocalCluster.start(ClusterSpec.builder().standbyOf(cluster.uri()).build());
        scheduler = new RawScheduler(cluster.uri(), MediaType.PROTOBUF);
        scheduler.subscribe(RawScheduler.framework("operated", false).build());
        scheduler.runSleeper("sleeper");
    }

    @AfterAll
    static void stop() throws Exception {
        scheduler.close();
        standby.close();
        cluster.close();
    }

    private static HttpResponse<String> get(LocalCluster target, String path) throws Exception {
        return RawScheduler.HTTP.send(HttpRequest.newBuilder(target.uri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> operator(String contentType, byte[] body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(cluster.uri().resolve("/api/v1"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return RawScheduler.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode jsonCall(String type) throws Exception {
        HttpResponse<byte[]> response = operator("application/json",
                ("{\"type\":\"" + type + "\"}").getBytes(), Map.of("Accept", "application/json"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    /** Real: 200, application/json, {"build_date","build_time","build_user","version"}; any method. */
    @Test
    void versionIsJsonWithTheBuild() throws Exception {
        HttpResponse<String> response = get(cluster, "/version");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode version = JSON.readTree(response.body());
        assertThat(version.path("version").asText()).matches("1\\.\\d+\\.\\d+");
        assertThat(version.has("build_date") && version.has("build_time") && version.has("build_user")).isTrue();
        // Mesos prints 1796614616.0, never 1.796614616E9.
        assertThat(response.body()).containsPattern("\"build_time\":\\d+\\.0[,}]");
    }

    /** Real: 200 with an empty body at /health and /master/health, whatever the method. */
    @Test
    void healthIsAnEmpty200() throws Exception {
        for (String path : new String[] {"/health", "/master/health"}) {
            HttpResponse<String> response = get(cluster, path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).isEmpty();
        }
    }

    /** Real: 307 with a protocol-relative Location to the leading master, from leader and standby alike. */
    @Test
    void redirectPointsAtTheLeader() throws Exception {
        String leader = "//" + cluster.uri().getAuthority();
        for (LocalCluster target : new LocalCluster[] {cluster, standby}) {
            for (String path : new String[] {"/redirect", "/master/redirect"}) {
                HttpResponse<String> response = get(target, path);
                assertThat(response.statusCode()).as(path).isEqualTo(307);
                assertThat(response.headers().firstValue("Location")).as(path).hasValue(leader);
            }
        }
        assertThat(get(cluster, "/redirect/elsewhere").statusCode()).isEqualTo(404);
    }

    /** A standby sends operator calls to the same path on the leader (Mesos' Master::Http::redirect). */
    @Test
    void aStandbyRedirectsOperatorCallsToTheLeader() throws Exception {
        for (String path : new String[] {"/api/v1", "/master/api/v1"}) {
            HttpResponse<String> response = RawScheduler.HTTP.send(HttpRequest.newBuilder(standby.uri().resolve(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"GET_HEALTH\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(307);
            assertThat(response.headers().firstValue("Location")).as(path)
                    .hasValue("//" + cluster.uri().getAuthority() + path);
        }
        // The scheduler API keeps its own redirect.
        assertThat(get(standby, "/api/v1/scheduler").statusCode()).isEqualTo(307);
    }

    @Test
    void operatorApiAnswersGetVersionInJsonAndProtobuf() throws Exception {
        JsonNode json = jsonCall("GET_VERSION");
        assertThat(json.path("type").asText()).isEqualTo("GET_VERSION");
        assertThat(json.path("get_version").path("version_info").path("version").asText()).matches("1\\.\\d+\\.\\d+");

        byte[] call = Call.newBuilder().setType(Call.Type.GET_VERSION).build().toByteArray();
        HttpResponse<byte[]> response = operator("application/x-protobuf", call, Map.of("Accept", "application/x-protobuf"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
        Response decoded = Response.parseFrom(response.body());
        assertThat(decoded.getType()).isEqualTo(Response.Type.GET_VERSION);
        assertThat(decoded.getGetVersion().getVersionInfo().getVersion()).isNotEmpty();
    }

    @Test
    void operatorApiListsAgentsFrameworksAndTasks() throws Exception {
        JsonNode agents = jsonCall("GET_AGENTS").path("get_agents");
        JsonNode agent = agents.path("agents").get(0);
        assertThat(agent.path("agent_info").path("id").path("value").asText()).isNotEmpty();
        assertThat(agent.path("agent_info").path("hostname").asText()).isEqualTo("127.0.0.1");
        assertThat(agent.path("active").asBoolean()).isTrue();
        assertThat(agent.path("total_resources").findValuesAsText("name")).contains("cpus", "mem");
        assertThat(agents.path("recovered_agents").isArray()).isTrue();

        JsonNode frameworks = jsonCall("GET_FRAMEWORKS").path("get_frameworks");
        JsonNode framework = frameworks.path("frameworks").get(0);
        assertThat(framework.path("framework_info").path("id").path("value").asText())
                .isEqualTo(scheduler.frameworkId.getValue());
        assertThat(framework.path("active").asBoolean()).isTrue();
        assertThat(framework.path("connected").asBoolean()).isTrue();
        assertThat(frameworks.path("completed_frameworks").isArray()).isTrue();

        JsonNode tasks = jsonCall("GET_TASKS").path("get_tasks");
        JsonNode task = tasks.path("tasks").get(0);
        assertThat(task.path("task_id").path("value").asText()).isEqualTo("sleeper");
        assertThat(task.path("state").asText()).isEqualTo("TASK_RUNNING");
        assertThat(task.path("framework_id").path("value").asText()).isEqualTo(scheduler.frameworkId.getValue());
        assertThat(tasks.path("completed_tasks").isArray()).isTrue();
        assertThat(tasks.path("unreachable_tasks").isArray()).isTrue();

        JsonNode state = jsonCall("GET_STATE").path("get_state");
        assertThat(state.path("get_tasks").path("tasks").size()).isEqualTo(1);
        assertThat(state.path("get_frameworks").path("frameworks").size()).isEqualTo(1);
        assertThat(state.path("get_agents").path("agents").size()).isEqualTo(1);
        assertThat(state.path("get_executors").path("executors").isArray()).isTrue();
    }

    /** Real: 405 + Allow: POST; 400 without Content-Type; 415 other types; 406 for an Accept it cannot meet. */
    @Test
    void operatorApiChecksMethodAndMediaTypes() throws Exception {
        HttpResponse<String> get = get(cluster, "/api/v1");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        byte[] body = "{\"type\":\"GET_HEALTH\"}".getBytes();
        assertThat(operator(null, body, Map.of()).statusCode()).isEqualTo(400);
        assertThat(operator("application/xml", body, Map.of()).statusCode()).isEqualTo(415);
        assertThat(operator("application/json", body, Map.of("Accept", "text/html")).statusCode()).isEqualTo(406);
        HttpResponse<byte[]> noType = operator("application/json", "{}".getBytes(), Map.of());
        assertThat(noType.statusCode()).isEqualTo(400);
        assertThat(new String(noType.body())).isEqualTo("Failed to validate master::Call: Expecting 'type' to be present");
        JsonNode health = JSON.readTree(RawScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(cluster.uri()
                        + "/master/api/v1")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(health.path("get_health").path("healthy").asBoolean()).isTrue();
    }
}
