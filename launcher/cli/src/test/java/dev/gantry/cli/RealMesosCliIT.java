package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.testing.MesosBundle;
import dev.gantry.testing.RealMesosCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gantry's commands against a real Apache Mesos master with two agents of two GPUs each. The
 * agents have no GPU isolator (this machine has no GPU): Mesos applies its GPU rules, but no task
 * sees a device, which {@code gantry cluster check} must notice.
 */
class RealMesosCliIT {
    @TempDir
    static Path temp;

    private static RealMesosCluster mesos;

    @BeforeAll
    static void startMesos() throws Exception {
        AgentSpec agent = AgentSpec.builder().cpus(2).memMb(3000).gpus(2).build();
        mesos = RealMesosCluster.builder(MesosBundle.require(), temp.resolve("mesos")).agent(agent).agent(agent).start();
    }

    @AfterAll
    static void stopMesos() {
        if (mesos != null) {
            mesos.close();
        }
    }

    @Test
    void clusterCheckSeesThatUnisolatedGpusAreNotTheTasksOwn() {
        CliRun result = CliRun.of("cluster", "check", "--master", mesos.mesosUrl());
        assertThat(result.exit()).as(result.out()).isEqualTo(1);
        // Two GPU tasks per agent, each read back from its sandbox through the agent's /files/read.
        assertThat(result.out().lines().filter(l -> l.startsWith("check-") && l.contains("FINISHED")
                && l.endsWith("CUDA_VISIBLE_DEVICES=unset"))).hasSize(4);
        assertThat(result.out()).contains("FAILED: not every task finished with a GPU of its own");
    }

    @Test
    void sparkSubmitGivesEachTaskItsOwnGpuOfItsExecutor() throws Exception {
        Path app = TestApps.gpuTasksJar(temp);
        Path output = temp.resolve("gpu-tasks.properties");
        CliRun result = CliRun.of("spark-submit", "--master", mesos.mesosUrl(),
                "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=512m",
                "--conf", "spark.executor.instances=2", "--conf", "spark.executor.cores=2",
                "--conf", "spark.executor.resource.gpu.amount=2", "--conf", "spark.task.resource.gpu.amount=1",
                "--conf", "spark.gantry.test.assignGpuIds=true",
                "--class", "GpuTasksApp", app.toString(), output.toString(), "4");
        assertThat(result.exit()).as(result.err()).isZero();
        Properties seen = TestApps.read(output);
        assertThat(seen).hasSize(4);
        // executor:gpu per task: each executor's two tasks ran at once on GPUs 0 and 1, never sharing one.
        List<String> slots = seen.values().stream().map(String::valueOf).sorted().toList();
        assertThat(slots).doesNotHaveDuplicates().allMatch(s -> s.matches("\\d+:[01]"));
    }

    @Test
    void statusListsARunningJobAndKillEndsIt() throws Exception {
        JavaSparkContext jsc = SparkJobs.context(mesos.mesosUrl(), "real-mesos-doomed", 2);
        try {
            CompletableFuture<Long> job = SparkJobs.endless(jsc, 4);
            SparkJobs.await("tasks running on both executors", Duration.ofSeconds(120), () -> SparkJobs.activeTasks(jsc) >= 2);

            CliRun status = CliRun.of("status", "--master", mesos.mesosUrl());
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).contains("real-mesos-doomed");

            CliRun kill = CliRun.of("kill", "real-mesos-doomed", "--master", mesos.mesosUrl());
            assertThat(kill.exit()).as(kill.err()).isZero();
            Throwable failure = null;
            try {
                job.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failure = e.getCause();
            }
            assertThat(failure).as("the running job failed").isNotNull();
            assertThat(failure).hasMessageContaining("was torn down");
            SparkJobs.await("the SparkContext to stop", Duration.ofSeconds(30), () -> jsc.sc().isStopped());
            SparkJobs.await("the master to list no running framework", Duration.ofSeconds(30),
                    () -> mesos.stateQuietly().path("frameworks").isEmpty());
        } finally {
            SparkJobs.stopped(jsc);
        }
    }

    @Test
    void dynamicAllocationGrowsUnderLoadAndGivesEverythingBackWhenIdle() throws Exception {
        JavaSparkContext jsc = new JavaSparkContext(SparkJobs.conf(mesos.mesosUrl(), "real-mesos-elastic", 0)
                .set("spark.executor.cores", "2")
                .set("spark.dynamicAllocation.enabled", "true")
                .set("spark.dynamicAllocation.shuffleTracking.enabled", "true")
                .set("spark.dynamicAllocation.minExecutors", "0")
                .set("spark.dynamicAllocation.initialExecutors", "0")
                .set("spark.dynamicAllocation.maxExecutors", "4")
                .set("spark.dynamicAllocation.schedulerBacklogTimeout", "1s")
                .set("spark.dynamicAllocation.sustainedSchedulerBacklogTimeout", "1s")
                .set("spark.dynamicAllocation.executorIdleTimeout", "2s"));
        try {
            Path release = temp.resolve("release-elastic");
            CompletableFuture<List<String>> job = SparkJobs.heldUntil(jsc, 4, release);
            // Two agents of two cpus hold one two-core executor each, however many Spark asks for.
            SparkJobs.await("four tasks on two executors", Duration.ofSeconds(120), () -> SparkJobs.activeTasks(jsc) == 4);
            assertThat(runningTasks()).isEqualTo(2);
            java.nio.file.Files.createFile(release);
            assertThat(job.get(60, TimeUnit.SECONDS)).hasSize(4);
            SparkJobs.await("idle executors to be given back", Duration.ofSeconds(60), () -> runningTasks() == 0);
        } finally {
            SparkJobs.stopped(jsc);
        }
    }

    /** The running tasks of every framework on the master. */
    private static int runningTasks() {
        int running = 0;
        for (com.fasterxml.jackson.databind.JsonNode framework : mesos.stateQuietly().path("frameworks")) {
            for (com.fasterxml.jackson.databind.JsonNode task : framework.path("tasks")) {
                running += task.path("state").asText().equals("TASK_RUNNING") ? 1 : 0;
            }
        }
        return running;
    }
}
