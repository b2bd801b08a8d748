package dev.gantry.examples;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.testing.MesosBundle;
import dev.gantry.testing.RealMesosCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's scenarios on a real Apache Mesos master and agent. The agent advertises GPUs without
 * Mesos' GPU isolator (this machine has none), so jobs say which ids their executors hold with the
 * test-only {@code spark.gantry.test.assignGpuIds}.
 */
class GantryServiceMesosIT extends GantryServiceScenarios {
    /** A preemption on real Mesos: the master's kill reaches the driver as a SIGTERM, and it checkpoints then. */
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

    @TempDir
    Path mesosDir;

    @Override
    String extraSpark() {
        return "  spark.gantry.test.assignGpuIds: \"true\"\n";
    }

    @Override
    Cluster gpuCluster(int gpus) throws Exception {
        RealMesosCluster mesos = RealMesosCluster.builder(MesosBundle.require(), mesosDir.resolve("gpus-" + gpus))
                .agent(AgentSpec.builder().cpus(2 + 3 * gpus).memMb(4096 + 4096 * gpus).gpus(gpus).build()).start();
        return new Cluster() {
            @Override
            public String mesosUrl() {
                return mesos.mesosUrl();
            }

            /** Real Mesos lays sandboxes out as {@code .../executors/<task id>/runs/<container id>/}. */
            @Override
            public Path sandboxFile(String taskId, String name) throws IOException {
                try (Stream<Path> files = Files.walk(mesos.workDir())) {
                    return files.filter(p -> p.getFileName().toString().equals(name) && p.getNameCount() > 4
                            && p.getParent().getParent().getFileName().toString().equals("runs")
                            && p.getParent().getParent().getParent().getFileName().toString().equals(taskId))
                            .findFirst().orElseThrow(() -> new IOException("no " + name + " of task " + taskId
                                    + " under " + mesos.workDir()));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }

            @Override
            public void close() {
                mesos.close();
            }
        };
    }
}
