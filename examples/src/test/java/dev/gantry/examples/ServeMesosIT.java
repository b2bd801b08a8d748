package dev.gantry.examples;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.testing.MesosBundle;
import dev.gantry.testing.RealMesosCluster;
import org.junit.jupiter.api.AfterEach;

/**
 * {@code gantry serve} on a real Apache Mesos master and agent. The agent advertises GPUs without
 * Mesos' GPU isolator (this machine has none), so jobs name their executors' GPU ids with the
 * test-only {@code spark.gantry.test.assignGpuIds}.
 */
class ServeMesosIT extends ServeScenario {
    private RealMesosCluster mesos;

    @Override
    String startCluster() throws Exception {
        mesos = RealMesosCluster.builder(MesosBundle.require(), temp.resolve("mesos"))
                .agent(AgentSpec.builder().cpus(6).memMb(12000).gpus(2).build()).start();
        return mesos.mesosUrl();
    }

    @Override
    String extraSpark() {
        return ", spark.gantry.test.assignGpuIds: \"true\"";
    }

    @AfterEach
    void stopMesos() {
        if (mesos != null) {
            mesos.close();
        }
    }
}
