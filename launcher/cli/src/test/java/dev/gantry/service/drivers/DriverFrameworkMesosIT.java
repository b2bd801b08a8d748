package dev.gantry.service.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.testing.MesosBundle;
import dev.gantry.testing.RealMesosCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's driver framework against a real Apache Mesos master and agent: Mesos' own command
 * executor reports a bad spec's {@code gantry run} exit 2 and a {@code kill -9}, and a service that
 * comes back as the same framework finds its driver through Mesos' reconciliation. Skips with one
 * line where {@code ../shared/mesos} is missing.
 */
class DriverFrameworkMesosIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final DriverCommand BLOCKING = DriverCommand.shell("exec sleep 600");

    @TempDir
    static Path temp;

    private static RealMesosCluster mesos;

    @BeforeAll
    static void startMesos() throws Exception {
        mesos = RealMesosCluster.builder(MesosBundle.require(), temp.resolve("mesos"))
                .agent(AgentSpec.builder().cpus(4).memMb(4000).build()).start();
    }

    @AfterAll
    static void stopMesos() {
        if (mesos != null) {
            mesos.close();
        }
    }

    private static DriverFramework.Settings.Builder settings() {
        return DriverFramework.Settings.builder(mesos.mesosUrl()).failoverTimeout(Duration.ofMinutes(10))
                .subscribeBackoff(Duration.ofMillis(100), Duration.ofMillis(500));
    }

    private static DriverRequest blocking(String job) {
        return DriverRequest.of(job, "name: " + job + "\n", temp.resolve(job)).withCommand(BLOCKING)
                .withResources(0.5, 128);
    }

    /**
     * A file of the task's sandbox in the agent's work dir, as real Mesos lays sandboxes out:
     * {@code .../executors/<task id>/runs/<container id>/} (and a {@code latest} link to it).
     */
    private static Optional<Path> sandboxFile(String taskId, String name) throws IOException {
        try (Stream<Path> files = Files.walk(mesos.workDir())) {
            return files.filter(p -> p.getFileName().toString().equals(name) && p.getNameCount() > 4
                    && p.getParent().getParent().getFileName().toString().equals("runs")
                    && p.getParent().getParent().getParent().getFileName().toString().equals(taskId)).findFirst();
        }
    }

    private static ProcessHandle driverProcess(String taskId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Path> pidFile = sandboxFile(taskId, DriverTasks.PID_FILE);
            String pid = pidFile.isPresent() ? Files.readString(pidFile.get()).strip() : "";
            if (!pid.isEmpty()) {
                Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(pid));
                if (process.flatMap(p -> p.info().command()).filter(c -> c.endsWith("/sleep")).isPresent()) {
                    return process.get();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the driver of " + taskId + " did not start in " + WAIT.toSeconds() + " s");
    }

    @Test
    void aBadSpecsDriverExitsTwoAsMesosReportsItAndIsNotRetried() throws Exception {
        RecordedUpdates updates = new RecordedUpdates();
        try (DriverFramework framework = DriverFramework.start(settings().build(), updates)) {
            framework.awaitSubscribed(WAIT);
            DriverRequest request = DriverRequest.of("bad-spec", "name: bad\nframework: tensorflow\ntraining:\n  epoch: 2\n",
                    temp.resolve("bad-out")).withCommand(DriverCommand.gantryRun(GantryInstall.current(), List.of()));
            framework.launch(request);

            DriverUpdate end = updates.awaitEnd(request.taskId(), WAIT);

            String stderr = sandboxFile(request.taskId(), "stderr").map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    return e.toString();
                }
            }).orElse("(no stderr)");
            assertThat(end.state()).as(stderr).isEqualTo(TaskState.TASK_FAILED);
            assertThat(end.message()).isEqualTo("Command exited with status 2");
            assertThat(end.failure()).isEqualTo(FailureKind.BAD_INPUT);
            assertThat(SupervisionPolicy.DEFAULT.decide(end)).isInstanceOf(SupervisionPolicy.GiveUp.class);
            assertThat(stderr).contains("gantry: ");
        }
    }

    @Test
    void aKilledDriverIsRetryableAndARestartedServiceReattachesItsRunningDriver() throws Exception {
        DriverRequest killed = blocking("killed");
        DriverRequest running = blocking("running");
        String frameworkId;
        long pid;
        RecordedUpdates before = new RecordedUpdates();
        try (DriverFramework framework = DriverFramework.start(settings().build(), before)) {
            frameworkId = framework.awaitSubscribed(WAIT);
            framework.launch(killed);
            framework.launch(running);
            before.await(killed.taskId(), DriverUpdate::running, WAIT);
            before.await(running.taskId(), DriverUpdate::running, WAIT);

            assertThat(driverProcess(killed.taskId()).destroyForcibly()).as("kill -9").isTrue();
            DriverUpdate end = before.awaitEnd(killed.taskId(), WAIT);
            assertThat(end.state()).isEqualTo(TaskState.TASK_FAILED);
            assertThat(end.message()).isEqualTo("Command terminated with signal Killed");
            assertThat(end.failure()).isEqualTo(FailureKind.DRIVER_FAILED);
            assertThat(SupervisionPolicy.DEFAULT.decide(end)).isInstanceOf(SupervisionPolicy.Relaunch.class);
            pid = driverProcess(running.taskId()).pid();
        }

        RecordedUpdates after = new RecordedUpdates();
        try (DriverFramework framework = DriverFramework.start(settings().frameworkId(frameworkId).build(), after)) {
            String unknown = DriverTaskId.of("vanished", 1).value();
            framework.reconcile(List.of(running.taskId(), unknown));
            assertThat(framework.awaitSubscribed(WAIT)).isEqualTo(frameworkId);

            DriverUpdate reattached = after.await(running.taskId(), DriverUpdate::fromReconciliation, WAIT);
            assertThat(reattached.state()).isEqualTo(TaskState.TASK_RUNNING);
            assertThat(reattached.agentId()).contains(mesos.agentIds().get(0));
            DriverUpdate lost = after.awaitEnd(unknown, WAIT);
            assertThat(lost.state()).isEqualTo(TaskState.TASK_LOST);
            assertThat(lost.retryable()).isTrue();
            assertThat(driverProcess(running.taskId()).pid()).as("the same driver").isEqualTo(pid);

            framework.kill(running.taskId()).get();
            DriverUpdate stopped = after.awaitEnd(running.taskId(), WAIT);
            assertThat(stopped.state()).isEqualTo(TaskState.TASK_KILLED);
            assertThat(stopped.failed()).isFalse();
            framework.teardown().get();
        }
    }
}
