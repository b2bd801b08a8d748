package dev.gantry.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.mesos.MasterState;
import dev.gantry.service.metrics.GpuUse.AgentRole;
import dev.gantry.service.metrics.GpuUse.JobUse;
import dev.gantry.service.metrics.GpuUse.RunningJob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Who holds which GPUs, from a master's state written as Mesos writes it: agent S0 has 4 GPUs, 2
 * reserved for vision, where job 7's executors (vision) hold 2 and another framework's speech task
 * holds 1; S1 has 2 unreserved GPUs, one held; S2 has none. Job 7's driver (no GPU) runs on S2, and
 * one of its executors and its first driver have ended.
 */
class GpuUseTest {
    static String fixture() throws IOException {
        try (InputStream in = GpuUseTest.class.getResourceAsStream("master-state.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static GpuUse use(List<RunningJob> running) throws IOException {
        return GpuUse.of(MasterState.parse(fixture()), running, "gantry_job");
    }

    @Test
    void allocatedCountsTasksThatHaveNotEndedPerAgentAndRole() throws IOException {
        assertThat(use(List.of()).allocated()).containsExactlyInAnyOrder(
                new AgentRole("S0", "*", 0), new AgentRole("S0", "speech", 1), new AgentRole("S0", "vision", 2),
                new AgentRole("S1", "*", 1));
    }

    @Test
    void freeGpusAreAReservationsLeftOverAndTheUnreservedOnesNoRoleHolds() throws IOException {
        // S0: vision holds its 2 reserved GPUs; speech, with no reservation there, holds 1 of the 2
        // unreserved ones. S1: 1 of 2 held.
        assertThat(use(List.of()).free()).containsExactlyInAnyOrder(
                new AgentRole("S0", "vision", 0), new AgentRole("S0", "*", 1), new AgentRole("S1", "*", 1));
    }

    @Test
    void agentsWithoutGpusAreLeftOut() throws IOException {
        GpuUse use = use(List.of());
        assertThat(use.allocated()).noneMatch(row -> row.agent().equals("S2"));
        assertThat(use.free()).noneMatch(row -> row.agent().equals("S2"));
    }

    @Test
    void aJobHoldsWhatItsLiveExecutorsAndItsCurrentDriverHold() throws IOException {
        List<JobUse> jobs = use(List.of(new RunningJob(7, "vision", Optional.of("driver-7-2")),
                new RunningJob(8, "speech", Optional.empty()))).jobs();
        // Executor 2 failed: its GPU is no longer the job's. Executor 1 still stages, and holds its GPU.
        assertThat(jobs).containsExactly(new JobUse(7, "vision", 2, 1), new JobUse(8, "speech", 0, 0));
    }

    @Test
    void aDriverTaskWithGpusCountsForItsJob() throws IOException {
        String state = fixture().replace("""
                "state": "TASK_RUNNING", "role": "vision",
                         "resources": {"cpus": 1.0, "mem": 2048.0, "disk": 0.0, "gpus": 0.0}}""", """
                "state": "TASK_RUNNING", "role": "vision",
                         "resources": {"cpus": 1.0, "mem": 2048.0, "disk": 0.0, "gpus": 1.0}}""");
        assertThat(state).isNotEqualTo(fixture());
        GpuUse use = GpuUse.of(MasterState.parse(state), List.of(new RunningJob(7, "vision",
                Optional.of("driver-7-2"))), "gantry_job");
        assertThat(use.jobs()).containsExactly(new JobUse(7, "vision", 3, 1));
    }
}
