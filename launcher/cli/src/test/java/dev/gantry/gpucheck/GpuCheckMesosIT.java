package dev.gantry.gpucheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.testing.MesosBundle;
import dev.gantry.testing.RealMesosCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU check against a real Mesos master, on an agent whose GPUs are reserved for the check's
 * role: one statically (the agent's {@code --resources}), one dynamically (an operator's
 * RESERVE_RESOURCES). Mesos refuses a task that asks for reserved resources without their
 * reservation, so both tasks finishing shows each was asked for as offered.
 */
class GpuCheckMesosIT {
    @TempDir
    Path workDir;

    private static String reservation(String name, double amount) {
        return "{\"type\":\"SCALAR\",\"name\":\"" + name + "\",\"scalar\":{\"value\":" + amount + "},"
                + "\"reservations\":[{\"type\":\"DYNAMIC\",\"role\":\"ml\",\"principal\":\"ops\"}]}";
    }

    @Test
    void gpusReservedForTheRoleStaticallyAndDynamicallyAreChecked() throws Exception {
        try (RealMesosCluster mesos = RealMesosCluster.builder(MesosBundle.require(), workDir)
                .agent(AgentSpec.builder().cpus(2).memMb(1024).gpus(2)
                        .reserve("ml", new AgentSpec.Reservation(0.5, 256, 1)).build()).start()) {
            String reserve = "{\"type\":\"RESERVE_RESOURCES\",\"reserve_resources\":{\"agent_id\":{\"value\":\""
                    + mesos.agentIds().get(0) + "\"},\"resources\":[" + reservation("gpus", 1) + ","
                    + reservation("cpus", 0.5) + "," + reservation("mem", 128) + "]}}";
            assertThat(mesos.operator(reserve)).isEqualTo(202);

            GpuCheck.Result result = GpuCheck.run(new GpuCheck.Settings(mesos.mesosUrl(), "ml", Optional.empty(),
                    Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(120)), GpuCheck.TaskOutputs.fromAgents());

            assertThat(result.failure()).isEmpty();
            assertThat(result.outcomes()).hasSize(2).allSatisfy(o -> {
                assertThat(o.state()).as(o.message()).isEqualTo(TaskState.TASK_FINISHED);
                assertThat(o.gpus()).isEqualTo(1);
            });
            // No GPU isolator on this machine: both tasks saw no device, which the check must call a failure.
            assertThat(result.outcomes()).extracting(result::saw).containsOnly("CUDA_VISIBLE_DEVICES=unset");
            assertThat(result.passed()).isFalse();
        }
    }
}
