package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.protocol.MediaType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /state} in a real Mesos 1.x master's shape for the fields tools read (compared with
 * ../shared/mesos): Mesos' own keys such as "slaves" and "slave_id" beside Gantry's "agents".
 */
class StateEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCluster cluster;
    private static RawScheduler scheduler;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start(ClusterSpec.builder().agent(AgentSpec.builder().cpus(2).memMb(1024).build()).build());
        scheduler = new RawScheduler(cluster.uri(), MediaType.PROTOBUF);
        scheduler.subscribe(RawScheduler.framework("stated", false).setHostname("scheduler-host").build());
        scheduler.runSleeper("sleeper");
    }

    @AfterAll
    static void stop() throws Exception {
        scheduler.close();
        cluster.close();
    }

    private static JsonNode state(String path) throws Exception {
        HttpResponse<String> response = RawScheduler.HTTP.send(HttpRequest.newBuilder(cluster.uri().resolve(path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void theMasterHasMesosTopLevelKeys() throws Exception {
        JsonNode state = state("/master/state");
        for (String key : new String[] {"build_date", "build_time", "build_user", "start_time", "elected_time", "id",
                "pid", "hostname", "leader", "activated_slaves", "deactivated_slaves", "unreachable_slaves"}) {
            assertThat(state.has(key)).as(key).isTrue();
        }
        for (String key : new String[] {"capabilities", "slaves", "recovered_slaves", "frameworks",
                "completed_frameworks", "orphan_tasks", "unregistered_frameworks"}) {
            assertThat(state.path(key).isArray()).as(key).isTrue();
        }
        assertThat(state.path("leader_info").path("pid").asText()).isEqualTo(state.path("leader").asText());
        assertThat(state.path("leader_info").path("port").asInt()).isEqualTo(cluster.port());
        assertThat(state.path("flags").isObject()).isTrue();
    }

    @Test
    void agentsHaveMesosFieldsAndEveryResourceAmount() throws Exception {
        JsonNode agent = state("/state").path("slaves").get(0);
        assertThat(agent.path("port").asInt()).isEqualTo(cluster.port());
        assertThat(agent.path("pid").asText()).endsWith("@127.0.0.1:" + cluster.port());
        assertThat(agent.path("registered_time").isNumber()).isTrue();
        assertThat(agent.path("deactivated").isBoolean()).isTrue();
        assertThat(agent.path("version").asText()).isNotEmpty();
        assertThat(agent.path("capabilities").isArray()).isTrue();
        // Mesos writes cpus, mem, disk and gpus even at zero; tools read them without checking.
        for (String name : new String[] {"cpus", "mem", "disk", "gpus"}) {
            assertThat(agent.path("offered_resources").path(name).isNumber()).as(name).isTrue();
            assertThat(agent.path("used_resources").path(name).isNumber()).as(name).isTrue();
        }
        assertThat(agent.path("used_resources").path("cpus").asDouble()).isEqualTo(1);
    }

    @Test
    void frameworksAndTasksHaveMesosFields() throws Exception {
        JsonNode framework = state("/state").path("frameworks").get(0);
        assertThat(framework.path("hostname").asText()).isEqualTo("scheduler-host");
        assertThat(framework.path("recovered").isBoolean()).isTrue();
        assertThat(framework.path("reregistered_time").isNumber()).isTrue();
        assertThat(framework.path("resources").path("cpus").asDouble()).isGreaterThanOrEqualTo(1);
        assertThat(framework.path("unreachable_tasks").isArray()).isTrue();
        assertThat(framework.path("executors").isArray()).isTrue();
        assertThat(framework.path("offer_constraints").isObject()).isTrue();
        JsonNode task = framework.path("tasks").get(0);
        assertThat(task.path("slave_id").asText()).isEqualTo(task.path("agent_id").asText()).isNotEmpty();
        assertThat(task.path("statuses").get(0).path("state").asText()).isEqualTo("TASK_RUNNING");
        assertThat(task.path("resources").path("cpus").asDouble()).isEqualTo(1);
    }
}
