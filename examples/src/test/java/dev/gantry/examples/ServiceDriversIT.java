package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.service.drivers.DriverCommand;
import dev.gantry.service.drivers.DriverFramework;
import dev.gantry.service.drivers.DriverListener;
import dev.gantry.service.drivers.DriverRequest;
import dev.gantry.service.drivers.DriverUpdate;
import dev.gantry.service.drivers.FailureKind;
import dev.gantry.service.drivers.GantryInstall;
import dev.gantry.service.drivers.SupervisionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantry serve}'s drivers for real: the service's driver framework launches a job's driver
 * as a Mesos task on the embedded cluster, the task runs {@code gantry run} of the spec against the
 * same master, and the job's executors are placed there as for any run. A driver killed with
 * {@code kill -9} mid-training is a retryable failure; its next attempt, launched as the
 * supervision policy says, resumes from the newest checkpoint and finishes.
 */
class ServiceDriversIT {
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** Updates as the service hears them. */
    private static final class Updates implements DriverListener {
        private final List<DriverUpdate> all = new ArrayList<>();

        @Override
        public synchronized void update(DriverUpdate update) {
            all.add(update);
            notifyAll();
        }

        synchronized DriverUpdate await(String taskId, Predicate<DriverUpdate> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                Optional<DriverUpdate> found = all.stream().filter(u -> u.taskId().equals(taskId) && wanted.test(u))
                        .findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no such update of " + taskId + "; got " + all);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /** One agent with room for a driver and a one-worker job's executor, twice over. */
    private static LocalCluster cluster() throws IOException {
        return LocalCluster.start(ClusterSpec.builder().agent(AgentSpec.builder().cpus(4).memMb(8192).build()).build());
    }

    private static String spec(String example) throws IOException {
        return Files.readString(GantryRun.ROOT.resolve("examples/jobs").resolve(example));
    }

    private static String sandboxFile(LocalCluster cluster, String taskId, String name) throws IOException {
        return Files.readString(cluster.sandbox(taskId).orElseThrow().resolve(name));
    }

    @Test
    void aJobsDriverRunsAsAMesosTaskAndFinishesWithItsMetrics() throws Exception {
        try (LocalCluster cluster = cluster()) {
            Updates updates = new Updates();
            try (DriverFramework framework = DriverFramework.start(
                    DriverFramework.Settings.builder(cluster.mesosUrl()).build(), updates)) {
                framework.awaitSubscribed(WAIT);
                Path output = temp.resolve("digits");
                DriverRequest request = DriverRequest.of("digits", spec("digits-tensorflow-mlp.yaml"), output)
                        .withCommand(DriverCommand.gantryRun(GantryInstall.checkout(GantryRun.ROOT), List.of(
                                "resources.workers=1", "resources.gpusPerWorker=0", "data.options.examples=2000",
                                "data.validation.options.examples=500", "training.epochs=2")));
                framework.launch(request);

                DriverUpdate end = updates.await(request.taskId(), DriverUpdate::terminal);

                String stdout = sandboxFile(cluster, request.taskId(), "stdout");
                assertThat(end.state()).as(stdout + sandboxFile(cluster, request.taskId(), "stderr"))
                        .isEqualTo(TaskState.TASK_FINISHED);
                assertThat(end.failed()).isFalse();
                assertThat(stdout).contains("finished:", "report:");
                JsonNode metrics = JSON.readTree(output.resolve("metrics.json").toFile());
                assertThat(metrics.get("epochs")).hasSize(2);
                assertThat(metrics.get("workers").asInt()).isEqualTo(1);
                // The job ran on the service's master as a framework of its own, beside the service's.
                assertThat(stdout).doesNotContain("started an embedded cluster");
            }
        }
    }

    @Test
    void aDriverKilledMidTrainingIsRelaunchedAndResumesFromItsCheckpoint() throws Exception {
        SupervisionPolicy policy = new SupervisionPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(5));
        try (LocalCluster cluster = cluster()) {
            Updates updates = new Updates();
            try (DriverFramework framework = DriverFramework.start(
                    DriverFramework.Settings.builder(cluster.mesosUrl()).build(), updates)) {
                framework.awaitSubscribed(WAIT);
                Path output = temp.resolve("throughput");
                // About 20 s of training in four epochs of 160 steps, a checkpoint every 20 steps.
                DriverRequest first = DriverRequest.of("throughput", spec("synthetic-throughput.yaml"), output)
                        .withCommand(DriverCommand.gantryRun(GantryInstall.checkout(GantryRun.ROOT), List.of(
                                "resources.workers=1", "training.epochs=4", "training.checkpointSteps=20")));
                framework.launch(first);
                updates.await(first.taskId(), DriverUpdate::running);
                Path checkpoint = awaitCheckpoint(output.resolve("checkpoints"));

                long pid = Long.parseLong(sandboxFile(cluster, first.taskId(), "driver.pid").strip());
                ProcessHandle launcher = ProcessHandle.of(pid).orElseThrow();
                assertThat(launcher.info().commandLine()).hasValueSatisfying(c -> assertThat(c).contains(
                        "dev.gantry.cli.GantryCli run job.yaml --master " + cluster.mesosUrl()));
                assertThat(launcher.destroyForcibly()).as("kill -9 of the driver task's process").isTrue();

                DriverUpdate failed = updates.await(first.taskId(), DriverUpdate::terminal);
                assertThat(failed.state()).as("killed after the checkpoint at " + checkpoint)
                        .isEqualTo(TaskState.TASK_FAILED);
                assertThat(failed.failure()).isEqualTo(FailureKind.DRIVER_FAILED);
                SupervisionPolicy.Decision decision = policy.decide(failed);
                assertThat(decision).isEqualTo(new SupervisionPolicy.Relaunch(2, Duration.ofSeconds(1)));

                SupervisionPolicy.Relaunch relaunch = (SupervisionPolicy.Relaunch) decision;
                Thread.sleep(relaunch.delay().toMillis());
                DriverRequest second = first.withAttempt(relaunch.attempt());
                framework.launch(second);
                DriverUpdate end = updates.await(second.taskId(), DriverUpdate::terminal);

                String stdout = sandboxFile(cluster, second.taskId(), "stdout");
                assertThat(end.state()).as(stdout + sandboxFile(cluster, second.taskId(), "stderr"))
                        .isEqualTo(TaskState.TASK_FINISHED);
                assertThat(stdout).containsPattern("resuming from the checkpoint at step [1-9][0-9]* of 640");
                JsonNode metrics = JSON.readTree(output.resolve("metrics.json").toFile());
                assertThat(metrics.get("resumedFromStep").asLong()).isPositive();
                assertThat(metrics.get("epochs")).hasSize(4);
            }
        }
    }

    /** The first checkpoint written whole (its manifest is written last). */
    private static Path awaitCheckpoint(Path checkpoints) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(checkpoints)) {
                try (Stream<Path> steps = Files.list(checkpoints)) {
                    Optional<Path> whole = steps.filter(s -> Files.exists(s.resolve("manifest.json"))).findFirst();
                    if (whole.isPresent()) {
                        return whole.get();
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint in " + checkpoints + " after " + WAIT.toMinutes() + " min");
    }
}
