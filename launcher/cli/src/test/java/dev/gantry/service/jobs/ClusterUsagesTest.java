package dev.gantry.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.mesos.MasterState;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterUsagesTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Map<Long, Job> JOBS = Map.of(
            3L, job(3, "vision", "mnist"),
            4L, job(4, "speech", "whisper"));

    /**
     * A master's state as real Mesos writes it (agents as slaves, a task's GPUs only counted, an
     * offer's role in allocation_info) with one task the embedded cluster's way (gpu_devices): an
     * agent of 4 GPUs, job 3's executor holding 2 of them, another framework's task holding device 3,
     * job 3's driver (no GPU), and job 4's driver waiting.
     */
    private static final String STATE = """
            {"version": "1.12.0", "slaves": [
              {"id": "S1", "hostname": "gpu1", "pid": "slave(1)@10.0.0.1:5051", "active": true,
               "resources": {"cpus": 16, "mem": 65536, "gpus": 4},
               "used_resources": {"cpus": 6, "mem": 8192, "gpus": 3},
               "reserved_resources": {"vision": {"cpus": 4, "mem": 16384, "gpus": 2}}},
              {"id": "S2", "hostname": "cpu1", "active": true,
               "resources": {"cpus": 8, "mem": 16384, "gpus": 0}, "used_resources": {}}],
             "frameworks": [
              {"id": "F-service", "name": "gantry-service", "offers": [], "tasks": [
                {"id": "driver-3-1", "slave_id": "S1", "state": "TASK_RUNNING", "role": "vision",
                 "resources": {"cpus": 1, "mem": 2048, "gpus": 0}}],
               "completed_tasks": []},
              {"id": "F-spark", "name": "mnist", "tasks": [
                {"id": "0", "executor_id": "", "slave_id": "S1", "state": "TASK_RUNNING", "role": "vision",
                 "resources": {"cpus": 2, "mem": 4096, "gpus": 2},
                 "labels": [{"key": "gantry_job", "value": "3"}, {"key": "gantry_attempt", "value": "1"}]},
                {"id": "1", "slave_id": "S1", "state": "TASK_FINISHED", "role": "vision",
                 "resources": {"cpus": 2, "mem": 4096, "gpus": 2},
                 "labels": [{"key": "gantry_job", "value": "3"}]}],
               "offers": [{"id": "O1", "slave_id": "S2", "allocation_info": {"role": "vision"},
                           "resources": {"cpus": 8, "mem": 16384, "gpus": 0}}]},
              {"id": "F-other", "name": "jupyter", "offers": [], "tasks": [
                {"id": "nb", "slave_id": "S1", "state": "TASK_RUNNING", "role": "*", "gpu_devices": "3",
                 "resources": {"cpus": 3, "mem": 2048, "gpus": 1}}]}],
             "completed_frameworks": []}
            """;

    private static Job job(long id, String team, String name) {
        return new Job(id, team, "someone", name, "name: " + name + "\n", JobState.RUNNING, 0, 2, NOW, NOW, null, 1, 0,
                null, null, null);
    }

    private static ClusterUsage usage() {
        return ClusterUsages.of(MasterState.parse(STATE), Optional.of("F-service"),
                id -> Optional.ofNullable(JOBS.get(id)));
    }

    @Test
    void namedDevicesKeepTheirIndexAndTasksOfUnnamedOnesTakeTheLowestFreeSlots() {
        ClusterUsage usage = usage();
        assertThat(usage.agents()).extracting(ClusterUsage.Agent::id).containsExactly("S1", "S2");
        ClusterUsage.Agent gpu = usage.agents().get(0);
        assertThat(gpu.total()).isEqualTo(new ClusterUsage.Amounts(16, 65536, 4));
        assertThat(gpu.used()).isEqualTo(new ClusterUsage.Amounts(6, 8192, 3));
        assertThat(gpu.gpus()).containsExactly(
                new ClusterUsage.GpuSlot(0, ClusterUsage.Holder.job(3, "vision", "mnist")),
                new ClusterUsage.GpuSlot(1, ClusterUsage.Holder.job(3, "vision", "mnist")),
                new ClusterUsage.GpuSlot(2, null),
                new ClusterUsage.GpuSlot(3, ClusterUsage.Holder.framework("jupyter")));
        assertThat(usage.agents().get(1).gpus()).isEmpty();
        assertThat(usage.total()).isEqualTo(new ClusterUsage.Amounts(24, 81920, 4));
        assertThat(usage.free()).isEqualTo(new ClusterUsage.Amounts(18, 73728, 1));
    }

    @Test
    void eachRoleHasWhatItsRunningTasksUseWhatIsReservedForItAndItsOutstandingOffers() {
        assertThat(usage().roles()).containsExactly(
                new ClusterUsage.Role("*", new ClusterUsage.Amounts(3, 2048, 1), ClusterUsage.Amounts.ZERO, 0,
                        ClusterUsage.Amounts.ZERO),
                new ClusterUsage.Role("vision", new ClusterUsage.Amounts(3, 6144, 2),
                        new ClusterUsage.Amounts(4, 16384, 2), 1, new ClusterUsage.Amounts(8, 16384, 0)));
    }
}
