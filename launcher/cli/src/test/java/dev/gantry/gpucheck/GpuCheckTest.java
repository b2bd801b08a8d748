package dev.gantry.gpucheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.placement.Amounts;
import dev.gantry.placement.Demand;
import dev.gantry.placement.OfferView;
import dev.gantry.placement.OfferedResources;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

/**
 * The GPU check on the embedded cluster, where GPUs reserved for the check's role must count and
 * be asked for in their reservation, statically made or dynamically.
 */
class GpuCheckTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static GpuCheck.Settings settings(LocalCluster cluster, String role) {
        return new GpuCheck.Settings(cluster.mesosUrl(), role, Optional.empty(), Optional.empty(), Duration.ofSeconds(1),
                Duration.ofSeconds(60));
    }

    /** The first line each task printed, from its sandbox on the embedded cluster. */
    private static GpuCheck.TaskOutputs sandboxes(LocalCluster cluster) {
        return (frameworkId, outcomes) -> {
            Map<String, String> outputs = new HashMap<>();
            for (GpuCheck.Outcome outcome : outcomes) {
                Optional<Path> stdout = cluster.sandbox(outcome.taskId()).map(p -> p.resolve("stdout"));
                if (stdout.isPresent() && Files.exists(stdout.get())) {
                    outputs.put(outcome.taskId(), Files.readString(stdout.get()).strip().split("\n")[0]);
                }
            }
            return outputs;
        };
    }

    private static String reservation(String name, double amount) {
        return "{\"type\":\"SCALAR\",\"name\":\"" + name + "\",\"scalar\":{\"value\":" + amount + "},"
                + "\"reservations\":[{\"type\":\"DYNAMIC\",\"role\":\"ml\",\"principal\":\"ops\"}]}";
    }

    @Test
    void gpusStaticallyReservedForTheRoleAreCheckedBesideUnreservedOnes() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder().simulateGpus(true)
                .agent(AgentSpec.builder().gpus(2).reserve("ml", new AgentSpec.Reservation(1, 512, 2)).build())
                .agent(AgentSpec.builder().gpus(1).build()).build())) {
            GpuCheck.Result result = GpuCheck.run(settings(cluster, "ml"), sandboxes(cluster));
            assertThat(result.failure()).isEmpty();
            assertThat(result.outcomes()).hasSize(3).allSatisfy(o -> {
                assertThat(o.state()).as(o.message()).isEqualTo(TaskState.TASK_FINISHED);
                assertThat(o.gpus()).isEqualTo(1);
            });
            assertThat(result.passed()).isTrue();
            assertThat(result.agents()).isEqualTo(2);
        }
    }

    @Test
    void gpusDynamicallyReservedForTheRoleAreAskedForWithTheirReservation() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder().simulateGpus(true)
                .agent(AgentSpec.builder().cpus(2).memMb(1024).gpus(2).build()).build())) {
            String agent = cluster.agents().get(0).id();
            String reserve = "{\"type\":\"RESERVE_RESOURCES\",\"reserve_resources\":{\"agent_id\":{\"value\":\"" + agent
                    + "\"},\"resources\":[" + reservation("cpus", 0.5) + "," + reservation("mem", 128) + ","
                    + reservation("gpus", 2) + "]}}";
            HttpResponse<String> reserved = HTTP.send(HttpRequest.newBuilder(cluster.uri().resolve("/api/v1"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(reserve))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(202);

            GpuCheck.Result result = GpuCheck.run(settings(cluster, "ml"), sandboxes(cluster));
            assertThat(result.failure()).isEmpty();
            assertThat(result.outcomes()).hasSize(2)
                    .allSatisfy(o -> assertThat(o.state()).as(o.message()).isEqualTo(TaskState.TASK_FINISHED));
            assertThat(result.outcomes()).extracting(result::saw)
                    .containsExactlyInAnyOrder("CUDA_VISIBLE_DEVICES=0", "CUDA_VISIBLE_DEVICES=1");
            assertThat(result.passed()).isTrue();
        }
    }

    @Test
    void gpusReservedForAnotherRoleAreNotTheChecksAndAnAgentWithoutGetsACpuTask() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder().simulateGpus(true)
                .agent(AgentSpec.builder().gpus(2).reserve("ml", new AgentSpec.Reservation(1, 512, 2)).build())
                .build())) {
            GpuCheck.Result result = GpuCheck.run(settings(cluster, "*"), sandboxes(cluster));
            assertThat(result.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.gpus()).isZero();
                assertThat(o.state()).isEqualTo(TaskState.TASK_FINISHED);
            });
            assertThat(result.passed()).isTrue();
            assertThat(result.gpuTasks()).isZero();
        }
    }

    @Test
    void everyWholeGpuOfferedGetsATaskWhereCpusAndMemoryAllowButRevocableOnesDoNot() {
        OfferView offer = new OfferView("o1", "S0", "gpu-1", "ml", List.of(
                new OfferedResources("ml", false, new Amounts(0.2, 64, 2)),
                OfferedResources.unreserved(new Amounts(4, 4096, 1)),
                new OfferedResources("*", true, new Amounts(4, 4096, 4))), Map.of());
        Demand demand = CheckScheduler.demand(List.of(offer));
        assertThat(demand.shape()).isEqualTo(CheckScheduler.GPU_TASK);
        assertThat(demand.targetExecutors()).isEqualTo(3);
        Demand cpuOnly = CheckScheduler.demand(List.of(new OfferView("o2", "S1", "cpu-1", "*",
                List.of(OfferedResources.unreserved(new Amounts(1, 128, 0))), Map.of())));
        assertThat(cpuOnly.shape()).isEqualTo(CheckScheduler.CPU_TASK);
        assertThat(cpuOnly.targetExecutors()).isEqualTo(1);
    }
}
