package dev.gantry.training.dl4j;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.training.scenarios.MesosTrainingScenarios;

/** The training scenarios on Gantry's embedded Mesos cluster with Deeplearning4j computing. */
class Dl4jOnMesosIT extends MesosTrainingScenarios {
    @Override
    protected String framework() {
        return "dl4j";
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
