package dev.gantry.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MasterStateTest {
    /**
     * GET /master/state of a real Mesos 1.12 master (../shared/mesos), taken by hand: an active
     * agent with one unisolated GPU running a framework's task, and a deactivated agent.
     */
    private static String realMesosState() throws IOException {
        try (InputStream in = MasterStateTest.class.getResourceAsStream("master-state-mesos-1.12.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsARealMesosMastersStateWhereAgentsAreSlaves() throws IOException {
        MasterState state = MasterState.parse(realMesosState());
        assertThat(state.version()).isEqualTo("1.12.0");
        assertThat(state.embedded()).isFalse();
        assertThat(state.agents()).extracting(MasterState.Agent::active).containsExactly(false, true);

        MasterState.Agent deactivated = state.agents().get(0);
        assertThat(deactivated.total()).isEqualTo(new MasterState.Resources(4, 8000, 0));
        assertThat(deactivated.attributes()).isEqualTo(Map.of("rack", "r2"));
        assertThat(deactivated.gpuModel()).isNull();

        MasterState.Agent gpuAgent = state.agents().get(1);
        assertThat(gpuAgent.id()).isEqualTo("e6b8bff5-1026-4552-a8dd-7c2a899dba18-S1");
        assertThat(gpuAgent.hostname()).isEqualTo("localhost");
        assertThat(gpuAgent.total()).isEqualTo(new MasterState.Resources(2, 3000, 1));
        assertThat(gpuAgent.used()).isEqualTo(new MasterState.Resources(0.5, 128, 1));
        // Real Mesos lists no GPU devices: the model comes from the agent's attribute.
        assertThat(gpuAgent.gpuModel()).isEqualTo("simulated");
        assertThat(gpuAgent.gpusSimulated()).isFalse();
        assertThat(gpuAgent.url()).contains(java.net.URI.create("http://127.0.0.1:15651"));
        assertThat(gpuAgent.reserved()).isEmpty();

        assertThat(state.frameworks()).singleElement().satisfies(framework -> {
            assertThat(framework.id()).isEqualTo("e6b8bff5-1026-4552-a8dd-7c2a899dba18-0000");
            assertThat(framework.name()).isEqualTo("state-fixture");
            assertThat(framework.active()).isTrue();
            assertThat(framework.connected()).isTrue();
            assertThat(framework.recovered()).isFalse();
            assertThat(framework.used()).isEqualTo(new MasterState.Resources(0.5, 128, 1));
            assertThat(framework.registered()).isEqualTo(Instant.ofEpochMilli(1796644279462L));
            assertThat(framework.webUiUrl()).isEqualTo("http://127.0.0.1:4040");
            // The task that failed earlier is under completed_tasks, not a running one.
            assertThat(framework.tasks()).containsExactly(new MasterState.Task("sleeper-2", "TASK_RUNNING",
                    "sleeper-2", "e6b8bff5-1026-4552-a8dd-7c2a899dba18-S1", Map.of(),
                    new MasterState.Resources(0.5, 128, 1), "*", List.of()));
            assertThat(framework.offers()).isEmpty();
            assertThat(framework.completedTasks()).extracting(MasterState.Task::id, MasterState.Task::state)
                    .containsExactly(tuple("sleeper-1", "TASK_FAILED"));
        });
    }

    @Test
    void readsTheEmbeddedClustersStateWithItsGpuDevices() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder().port(0)
                .agent(AgentSpec.builder().cpus(2).memMb(1024).gpus(2).gpuModel("H100").build())
                .simulateGpus(true).build())) {
            MasterState state = MasterState.parse(MasterOperator.of(cluster.mesosUrl(), Optional.empty(),
                    Duration.ofSeconds(30)).state());
            assertThat(state.embedded()).isTrue();
            assertThat(state.frameworks()).isEmpty();
            assertThat(state.agents()).singleElement().satisfies(agent -> {
                assertThat(agent.active()).isTrue();
                assertThat(agent.total()).isEqualTo(new MasterState.Resources(2, 1024, 2));
                assertThat(agent.gpuModel()).isEqualTo("H100");
                assertThat(agent.gpusSimulated()).isTrue();
            });
        }
    }

    @Test
    void somethingElseThanAMastersStateIsRefusedSayingWhy() {
        assertThatThrownBy(() -> MasterState.parse("<html>")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> MasterState.parse("{\"slaves\": []}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frameworks");
    }
}
