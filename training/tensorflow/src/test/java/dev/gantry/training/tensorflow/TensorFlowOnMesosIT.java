package dev.gantry.training.tensorflow;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.training.scenarios.MesosTrainingScenarios;

/** The training scenarios on Gantry's embedded Mesos cluster with TensorFlow computing. */
class TensorFlowOnMesosIT extends MesosTrainingScenarios {
    @Override
    protected String framework() {
        return "tensorflow";
    }

    @Override
    protected Cluster startCluster() throws Exception {
        LocalCluster cluster = LocalCluster.start(ClusterSpec.builder()
                .agents(2, AgentSpec.builder().cpus(2).memMb(4096).build()).build());
        return new Cluster() {
            @Override
            public String master() {
                return cluster.mesosUrl();
            }

            @Override
            public void close() {
                cluster.close();
            }
        };
    }
}
