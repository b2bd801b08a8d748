package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClusterCheckIT {
    @Test
    void onTheEmbeddedClusterEveryGpuTaskSeesItsOwnDevice() {
        CliRun result = CliRun.of("cluster", "check", "--agents", "2", "--gpus", "2");
        assertThat(result.exit()).as(result.out()).isZero();
        List<String> rows = Arrays.stream(result.out().split("\n")).filter(l -> l.startsWith("check-"))
                .collect(Collectors.toList());
        assertThat(rows).hasSize(4).allMatch(r -> r.contains("FINISHED"));
        assertThat(rows.stream().filter(r -> r.endsWith("CUDA_VISIBLE_DEVICES=0"))).hasSize(2);
        assertThat(rows.stream().filter(r -> r.endsWith("CUDA_VISIBLE_DEVICES=1"))).hasSize(2);
        assertThat(result.out()).contains("OK: 4 task(s) on 2 agent(s) finished; 4 had a GPU of their own.");
    }

    @Test
    void checksAMasterGivenByUrl() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder().simulateGpus(true)
                .agent(AgentSpec.builder().gpus(1).build()).agent(AgentSpec.builder().build()).build())) {
            CliRun result = CliRun.of("cluster", "check", "--master", cluster.mesosUrl());
            assertThat(result.exit()).as(result.out()).isZero();
            assertThat(result.out()).contains("OK: 2 task(s) on 2 agent(s) finished; 1 had a GPU of their own.")
                    .doesNotContain("Started an embedded cluster");
        }
    }

    /** GPUs reserved for the framework's role are offered to it and must be asked for in their reservation. */
    @Test
    void gpusReservedForTheRoleAreChecked() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder().simulateGpus(true)
                .agent(AgentSpec.builder().gpus(2).reserve("ml", new AgentSpec.Reservation(1, 512, 2)).build())
                .build())) {
            CliRun result = CliRun.of("cluster", "check", "--master", cluster.mesosUrl(), "--role", "ml");
            assertThat(result.exit()).as(result.out()).isZero();
            assertThat(result.out()).contains("OK: 2 task(s) on 1 agent(s) finished; 2 had a GPU of their own.");
        }
    }

    @Test
    void anUnreachableMasterFailsWithTheReason() {
        CliRun result = CliRun.of("cluster", "check", "--master", "mesos://127.0.0.1:1", "--timeout", "2");
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("FAILED: cannot subscribe to mesos://127.0.0.1:1").contains("connection refused");
    }
}
