package dev.gantry.training.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.spark.DistributedTrainer;
import dev.gantry.training.spark.TrainingRun;
import dev.gantry.training.worker.ProgressSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training scenarios on a Mesos master with real executor JVMs. Each backend module runs
 * them against Gantry's embedded cluster (training itself never depends on the launcher).
 */
public abstract class MesosTrainingScenarios {
    @TempDir
    protected Path output;

    protected abstract String framework();

    /** A running Mesos master with two agents of at least 2 CPUs and 4 GB each. */
    protected interface Cluster extends AutoCloseable {
        String master();
    }

    protected abstract Cluster startCluster() throws Exception;

    private SparkSession session(Cluster cluster, String app) {
        return ScenarioJobs.session(cluster.master(), app)
                .config("spark.executor.instances", "2")
                .config("spark.executor.cores", "1")
                .config("spark.executor.memory", "1g")
                .config("spark.scheduler.barrier.maxConcurrentTasksCheck.interval", "1s")
                .config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .getOrCreate();
    }

    @Test
    void twoWorkersReachNinetyFivePercentOnMesos() throws Exception {
        try (Cluster cluster = startCluster(); SparkSession spark = session(cluster, "learning-on-mesos")) {
            TrainingRun run = new DistributedTrainer(spark).train(
                    ScenarioJobs.job("learning-on-mesos", framework(), ScenarioJobs.config(2), output.toString()),
                    ScenarioJobs.data(spark, 4000, false), ScenarioJobs.data(spark, 1000, true),
                    "features", "label", ProgressSink.NONE);
            assertThat(run.last().accuracy()).isGreaterThanOrEqualTo(0.95);
            assertThat(run.workers()).isEqualTo(2);
        }
    }

    @Test
    void aWorkerThatDiesFailsTheStageWhichSparkRetriesFromTheCheckpoint() throws Exception {
        try (Cluster cluster = startCluster(); SparkSession spark = session(cluster, "worker-dies")) {
            String appId = spark.sparkContext().applicationId();
            Path checkpoints = output.resolve("checkpoints");
            Thread killer = new Thread(() -> {
                try {
                    while (TrainingScenarios.latestStep(checkpoints) == 0) {
                        TimeUnit.MILLISECONDS.sleep(50);
                    }
                    executor(appId, "1").ifPresent(ProcessHandle::destroyForcibly);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            TrainingRun run = new DistributedTrainer(spark).train(
                    ScenarioJobs.job("worker-dies", framework(), ResumableRun.config(), output.toString()),
                    ScenarioJobs.data(spark, 4000, false), ScenarioJobs.data(spark, 1000, true),
                    "features", "label", ProgressSink.NONE);
            killer.join(1000);
            assertThat(run.resumedFromStep()).as("the retried stage resumed from a checkpoint").isPositive();
            assertThat(run.steps()).isEqualTo(1250);
            assertThat(run.last().accuracy()).isGreaterThanOrEqualTo(0.95);
        }
    }

    /**
     * An executor's JVM found by its command line, read from /proc because the JDK gives no
     * arguments for command lines over 4 KiB, and executor classpaths are longer.
     */
    static Optional<ProcessHandle> executor(String appId, String executorId) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(p -> {
            List<String> args;
            try {
                args = List.of(new String(Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline")))
                        .split("\u0000"));
            } catch (IOException | SecurityException e) {
                return false;
            }
            int id = args.indexOf("--executor-id");
            int app = args.indexOf("--app-id");
            return id >= 0 && app >= 0 && id + 1 < args.size() && app + 1 < args.size()
                    && args.get(id + 1).equals(executorId) && args.get(app + 1).equals(appId);
        }).findFirst();
    }
}
