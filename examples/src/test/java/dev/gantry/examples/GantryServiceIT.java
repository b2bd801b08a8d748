package dev.gantry.examples;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The service's scenarios on the embedded cluster, with simulated GPUs. */
class GantryServiceIT extends GantryServiceScenarios {
    @Test
    @Override
    void twoTeamsJobsRunInTheFairOrderAndAPreemptedJobResumesToTheUninterruptedResult() throws Exception {
        super.twoTeamsJobsRunInTheFairOrderAndAPreemptedJobResumesToTheUninterruptedResult();
    }

    @Test
    @Override
    void aRestartedServiceLosesNoJobReattachesItsDriverAndRelaunchesOneKilled() throws Exception {
        super.aRestartedServiceLosesNoJobReattachesItsDriverAndRelaunchesOneKilled();
    }

    @Override
    Cluster gpuCluster(int gpus) throws IOException {
        LocalCluster cluster = LocalCluster.start(ClusterSpec.builder()
                .agent(AgentSpec.builder().cpus(2 + 3 * gpus).memMb(4096 + 6144 * gpus).gpus(gpus).build()).build());
        return new Cluster() {
            @Override
            public String mesosUrl() {
                return cluster.mesosUrl();
            }

            @Override
            public Path sandboxFile(String taskId, String name) {
                return cluster.sandbox(taskId).orElseThrow().resolve(name);
            }

            @Override
            public void close() {
                cluster.close();
            }
        };
    }
}
