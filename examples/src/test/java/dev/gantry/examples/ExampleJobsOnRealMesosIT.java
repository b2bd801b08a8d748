package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.testing.MesosBundle;
import dev.gantry.testing.RealMesosCluster;
import dev.gantry.testing.ZooKeeperServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TensorFlow and DL4J example jobs on a real Apache Mesos master with two agents, as a user with
 * a cluster runs them ({@code --master mesos://...}), to the same end as on the embedded cluster.
 * These agents advertise one GPU each without Mesos' GPU isolator (this machine has no GPU), so the
 * job says which ids its executors hold with the test-only {@code spark.gantry.test.assignGpuIds}.
 */
class ExampleJobsOnRealMesosIT {
    @TempDir
    static Path mesosDir;

    private static RealMesosCluster mesos;

    @TempDir
    Path temp;

    @BeforeAll
    static void startMesos() throws Exception {
        AgentSpec agent = AgentSpec.builder().cpus(2).memMb(3000).gpus(1).build();
        mesos = RealMesosCluster.builder(MesosBundle.require(), mesosDir).agent(agent).agent(agent).start();
    }

    @AfterAll
    static void stopMesos() {
        if (mesos != null) {
            mesos.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"digits-tensorflow-mlp.yaml", "digits-dl4j-cnn.yaml"})
    void trainsOnRealMesosToTheEmbeddedClustersAccuracy(String example) throws Exception {
        Path output = temp.resolve("real");
        String printed = GantryRun.run(example, output, temp.resolve("real.log"), "--master", mesos.mesosUrl(),
                "--set", "spark.spark.gantry.test.assignGpuIds=true");
        assertThat(printed).doesNotContain("started an embedded cluster");
        double onMesos = GantryRun.checkOutputs(example, output, printed);
        // The workers ran on the real agents (placement prints them as 0a881c6d..-S1).
        for (String agentId : mesos.agentIds()) {
            assertThat(printed).contains(agentId.substring(0, 8) + ".." + agentId.substring(agentId.lastIndexOf('-')));
        }
        // The same job on the embedded cluster: training is seeded, so the result must not depend on the master.
        Path embeddedOutput = temp.resolve("embedded");
        String embedded = GantryRun.run(example, embeddedOutput, temp.resolve("embedded.log"));
        assertThat(onMesos).as(printed).isCloseTo(GantryRun.checkOutputs(example, embeddedOutput, embedded),
                org.assertj.core.data.Offset.offset(0.005));
    }

    @Test
    void aGpuJobWhoseExecutorsFindNoGpuEndsAtOnceWithTheirReason() throws Exception {
        // Without the test-only ids, executors on these agents find no device, as on a GPU host whose
        // isolator failed: the run must end with the executors' own reason, not wait out the gang timeout.
        GantryRun.Ended run = GantryRun.attempt("digits-tensorflow-mlp.yaml", temp.resolve("run"),
                temp.resolve("gantry.log"), "--master", mesos.mesosUrl());
        assertThat(run.exit()).as(run.printed()).isEqualTo(1);
        String error = run.printed().lines().filter(l -> l.startsWith("gantry: ")).findFirst().orElseThrow();
        assertThat(error).startsWith("gantry: executors keep failing: ").contains("ended TASK_FAILED")
                .contains("its stderr says: java.lang.IllegalStateException: asked for 1 GPU(s)");
        assertThat(run.printed()).doesNotContain("gangTimeout");
        assertThat(temp.resolve("run").resolve("model")).doesNotExist();
    }

    /** Both examples on one highly available cluster: three masters electing their leader in ZooKeeper. */
    @Test
    void bothExamplesTrainThroughZooKeeperMasterDetectionOnThreeMasters() throws Exception {
        try (ZooKeeperServer zooKeeper = ZooKeeperServer.start(temp.resolve("zookeeper"));
             RealMesosCluster ha = RealMesosCluster.builder(MesosBundle.require(), temp.resolve("mesos-ha"))
                     .highAvailability(zooKeeper, 3)
                     .agent(AgentSpec.builder().cpus(2).memMb(3000).gpus(1).build())
                     .agent(AgentSpec.builder().cpus(2).memMb(3000).gpus(1).build()).start()) {
            assertThat(ha.mesosUrl()).startsWith("mesos://zk://127.0.0.1:");
            for (String example : List.of("digits-tensorflow-mlp.yaml", "digits-dl4j-cnn.yaml")) {
                Path output = temp.resolve("ha-" + example);
                String printed = GantryRun.run(example, output, temp.resolve("ha-" + example + ".log"),
                        "--master", ha.mesosUrl(), "--set", "spark.spark.gantry.test.assignGpuIds=true");
                assertThat(GantryRun.checkOutputs(example, output, printed)).isGreaterThanOrEqualTo(0.9);
            }
        }
    }
}
