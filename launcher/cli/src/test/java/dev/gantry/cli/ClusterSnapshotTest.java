package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {
    /** The parts of a real Mesos 1.11 master's /master/state that status reads: agents are "slaves". */
    private static final String MESOS_STATE = """
            {"version": "1.11.0", "activated_slaves": 2,
             "slaves": [
               {"id": "S0", "resources": {"cpus": 8, "mem": 30000, "gpus": 4, "ports": "[31000-32000]"},
                "used_resources": {"cpus": 2, "mem": 2048, "gpus": 3}},
               {"id": "S1", "resources": {"cpus": 8, "mem": 30000}, "used_resources": {}}],
             "frameworks": [
               {"id": "F-0001", "name": "train", "active": true, "connected": true, "registered_time": 1000.5,
                "webui_url": "http://driver:4040", "used_resources": {"cpus": 2, "mem": 2048, "gpus": 3},
                "tasks": [{"state": "TASK_RUNNING"}, {"state": "TASK_RUNNING"}, {"state": "TASK_STAGING"}]},
               {"id": "F-0002", "name": "paused", "active": false, "connected": true, "registered_time": 1000,
                "used_resources": {}, "tasks": []},
               {"id": "F-0003", "name": "away", "active": false, "connected": false, "registered_time": 1000,
                "used_resources": {}, "tasks": []},
               {"id": "F-0004", "name": "recovered", "active": false, "connected": false, "recovered": true,
                "used_resources": {}, "tasks": []}],
             "completed_frameworks": [{"id": "F-0000", "name": "done"}]}
            """;

    @Test
    void readsRealMesosStateWhereAgentsAreSlaves() {
        ClusterSnapshot snapshot = ClusterSnapshot.parse(MESOS_STATE, Instant.ofEpochSecond(1000 + 3725));
        assertThat(snapshot.embedded()).isFalse();
        assertThat(snapshot.version()).isEqualTo("1.11.0");
        assertThat(snapshot.agents()).isEqualTo(2);
        assertThat(snapshot.gpus()).isEqualTo(4);
        assertThat(snapshot.gpusFree()).isEqualTo(1);
        assertThat(snapshot.gpusSimulated()).isFalse();
        assertThat(snapshot.jobs()).extracting(ClusterSnapshot.Job::state)
                .containsExactly("active", "inactive", "disconnected", "disconnected");
        ClusterSnapshot.Job train = snapshot.jobs().get(0);
        assertThat(train.name()).isEqualTo("train");
        assertThat(train.tasksRunning()).isEqualTo(2);
        assertThat(train.cpus()).isEqualTo(2);
        assertThat(train.memMb()).isEqualTo(2048);
        assertThat(train.gpus()).isEqualTo(3);
        assertThat(train.uptime()).isEqualTo(Duration.ofMillis(3724_500));
        assertThat(StatusReport.uptime(train.uptime())).isEqualTo("1h02m");
        assertThat(StatusReport.summary("mesos://m:5050", snapshot))
                .isEqualTo("mesos://m:5050 (Mesos 1.11.0): 2 agents, 1 of 4 GPUs free, 4 jobs");
    }

    @Test
    void readsTheEmbeddedClustersAgentsKeyToo() {
        ClusterSnapshot snapshot = ClusterSnapshot.parse("""
                {"embedded": true, "agents": [{"resources": {"gpus": 2}, "used_resources": {},
                  "gpus": [{"index": 0, "simulated": true}, {"index": 1, "simulated": true}]}],
                 "frameworks": []}
                """, Instant.now());
        assertThat(snapshot.agents()).isEqualTo(1);
        assertThat(snapshot.gpusSimulated()).isTrue();
        assertThat(StatusReport.summary("mesos://127.0.0.1:5050", snapshot))
                .isEqualTo("mesos://127.0.0.1:5050 (Gantry embedded cluster): 1 agent, 2 of 2 GPUs free (simulated), 0 jobs");
    }

    @Test
    void somethingElseIsRefusedWithTheReason() {
        assertThatThrownBy(() -> ClusterSnapshot.parse("<html>", Instant.now())).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> ClusterSnapshot.parse("{}", Instant.now())).hasMessageContaining("frameworks");
    }

    @Test
    void amountsReadAsPeopleWriteThem() {
        assertThat(StatusReport.memory(896)).isEqualTo("896 MB");
        assertThat(StatusReport.memory(2048)).isEqualTo("2.0 GB");
        assertThat(StatusReport.amount(0.5)).isEqualTo("0.5");
        assertThat(StatusReport.amount(2)).isEqualTo("2");
        assertThat(StatusReport.uptime(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(StatusReport.uptime(Duration.ofSeconds(192))).isEqualTo("3m12s");
        assertThat(StatusReport.uptime(Duration.ofHours(50))).isEqualTo("2d02h");
    }
}
