package dev.gantry.service.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's driver framework on the embedded cluster, with real processes: a real
 * {@code gantry run} of a bad spec, a driver killed with {@code kill -9}, a kill asked for, and a
 * service that goes away and comes back as the same framework to find its driver still running.
 * Drivers that must keep running are a long {@code sleep}, wrapped like a real one (spec file, pid
 * file, exec).
 */
class DriverFrameworkIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final DriverCommand BLOCKING = DriverCommand.shell("exec sleep 600");

    @TempDir
    Path temp;

    private static LocalCluster cluster() throws Exception {
        return LocalCluster.start(ClusterSpec.builder().agent(AgentSpec.builder().cpus(4).memMb(8192).build()).build());
    }

    private static DriverFramework.Settings.Builder settings(LocalCluster cluster) {
        return DriverFramework.Settings.builder(cluster.mesosUrl()).failoverTimeout(Duration.ofMinutes(10))
                .subscribeBackoff(Duration.ofMillis(100), Duration.ofMillis(500));
    }

    private DriverRequest blocking(String job) {
        return DriverRequest.of(job, "name: " + job + "\n", temp.resolve(job)).withCommand(BLOCKING)
                .withResources(0.5, 128);
    }

    /** The driver's pid from its pid file, once the task's shell wrote it and exec'ed the driver. */
    private static ProcessHandle driverProcess(LocalCluster cluster, String taskId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Path pidFile = cluster.sandbox(taskId).orElseThrow().resolve(DriverTasks.PID_FILE);
            String pid = Files.exists(pidFile) ? Files.readString(pidFile).strip() : "";
            if (!pid.isEmpty()) {
                ProcessHandle process = ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
                if (process.info().command().filter(c -> c.endsWith("/sleep")).isPresent()) {
                    return process;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the driver of " + taskId + " did not start in " + WAIT.toSeconds() + " s");
    }

    @Test
    void aBadSpecsDriverExitsTwoAndThePolicySaysDoNotRetry() throws Exception {
        try (LocalCluster cluster = cluster()) {
            RecordedUpdates updates = new RecordedUpdates();
            try (DriverFramework framework = DriverFramework.start(settings(cluster).build(), updates)) {
                framework.awaitSubscribed(WAIT);
                String spec = "name: bad\nframework: tensorflow\ntraining:\n  epoch: 2\n";
                DriverRequest request = DriverRequest.of("bad-spec", spec, temp.resolve("out"))
                        .withCommand(DriverCommand.gantryRun(GantryInstall.current(), List.of()));
                framework.launch(request);

                DriverUpdate end = updates.awaitEnd(request.taskId(), WAIT);

                String stderr = Files.readString(cluster.sandbox(request.taskId()).orElseThrow().resolve("stderr"));
                assertThat(end.state()).as(stderr).isEqualTo(TaskState.TASK_FAILED);
                assertThat(end.exitCode()).hasValue(2);
                assertThat(end.failure()).isEqualTo(FailureKind.BAD_INPUT);
                assertThat(end.retryable()).isFalse();
                assertThat(end.jobId()).isEqualTo("bad-spec");
                assertThat(end.attempt()).isEqualTo(1);
                assertThat(end.agentId()).contains(cluster.agents().get(0).id());
                assertThat(stderr).contains("gantry: ");
                assertThat(SupervisionPolicy.DEFAULT.decide(end)).isInstanceOf(SupervisionPolicy.GiveUp.class);
                assertThat(temp.resolve("out")).as("bad input writes nothing").doesNotExist();
            }
        }
    }

    @Test
    void aDriverKilledWithKillNineFailsRetryablyItsNextAttemptRunsAndAKillAskedForIsNoFailure() throws Exception {
        try (LocalCluster cluster = cluster()) {
            RecordedUpdates updates = new RecordedUpdates();
            try (DriverFramework framework = DriverFramework.start(settings(cluster).build(), updates)) {
                framework.awaitSubscribed(WAIT);
                assertThat(framework.suppressedRoles()).as("no driver waits: no offers").containsExactly("*");
                DriverRequest first = blocking("killed");
                framework.launch(first);
                updates.await(first.taskId(), DriverUpdate::running, WAIT);
                assertThat(framework.suppressedRoles()).as("launched: nothing waits again").containsExactly("*");
                ProcessHandle driver = driverProcess(cluster, first.taskId());
                assertThat(cluster.sandbox(first.taskId()).orElseThrow().resolve(DriverTasks.SPEC_FILE))
                        .hasContent(first.spec());
                assertThat(driver.destroyForcibly()).as("kill -9").isTrue();

                DriverUpdate end = updates.awaitEnd(first.taskId(), WAIT);
                assertThat(end.state()).isEqualTo(TaskState.TASK_FAILED);
                assertThat(end.message()).contains("signal");
                assertThat(end.failure()).isEqualTo(FailureKind.DRIVER_FAILED);
                assertThat(end.retryable()).isTrue();
                SupervisionPolicy.Decision decision = SupervisionPolicy.DEFAULT.decide(end);
                assertThat(decision).isEqualTo(new SupervisionPolicy.Relaunch(2, Duration.ofSeconds(10)));

                DriverRequest second = first.withAttempt(((SupervisionPolicy.Relaunch) decision).attempt());
                framework.launch(second);
                updates.await(second.taskId(), DriverUpdate::running, WAIT);
                framework.kill(second.taskId()).get();
                DriverUpdate killed = updates.awaitEnd(second.taskId(), WAIT);
                assertThat(killed.state()).isEqualTo(TaskState.TASK_KILLED);
                assertThat(killed.failed()).as("the service asked for it").isFalse();
                assertThat(framework.tracked()).isEmpty();
            }
        }
    }

    @Test
    void aDriverStillWaitingForAnOfferIsDroppedWhenKilled() throws Exception {
        try (LocalCluster cluster = cluster()) {
            RecordedUpdates updates = new RecordedUpdates();
            try (DriverFramework framework = DriverFramework.start(settings(cluster).build(), updates)) {
                framework.awaitSubscribed(WAIT);
                DriverRequest tooBig = blocking("too-big").withResources(64, 128);
                framework.launch(tooBig);
                assertThat(framework.waiting()).containsExactly(tooBig.taskId());
                framework.kill(tooBig.taskId()).get();
                assertThat(updates.of(tooBig.taskId())).singleElement().satisfies(u -> {
                    assertThat(u.state()).isEqualTo(TaskState.TASK_KILLED);
                    assertThat(u.failed()).isFalse();
                });
                assertThat(framework.waiting()).isEmpty();
            }
        }
    }

    @Test
    void aRestartedServiceComesBackAsTheSameFrameworkAndReattachesItsRunningDriver() throws Exception {
        try (LocalCluster cluster = cluster()) {
            DriverRequest request = blocking("long");
            String frameworkId;
            long pid;
            RecordedUpdates before = new RecordedUpdates();
            try (DriverFramework framework = DriverFramework.start(settings(cluster).build(), before)) {
                frameworkId = framework.awaitSubscribed(WAIT);
                framework.launch(request);
                before.await(request.taskId(), DriverUpdate::running, WAIT);
                pid = driverProcess(cluster, request.taskId()).pid();
            }
            // The service is gone (closed without TEARDOWN): the master keeps its driver for the failover timeout.
            assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

            RecordedUpdates after = new RecordedUpdates();
            try (DriverFramework framework = DriverFramework.start(settings(cluster).frameworkId(frameworkId).build(),
                    after)) {
                // What the store would say runs: the driver, and one whose task Mesos never had.
                String unknown = DriverTaskId.of("vanished", 3).value();
                framework.reconcile(List.of(request.taskId(), unknown));
                assertThat(framework.awaitSubscribed(WAIT)).isEqualTo(frameworkId);
                assertThat(after.frameworkIds.take()).isEqualTo(frameworkId);

                DriverUpdate running = after.await(request.taskId(), DriverUpdate::fromReconciliation, WAIT);
                assertThat(running.state()).isEqualTo(TaskState.TASK_RUNNING);
                assertThat(running.known()).isTrue();
                assertThat(running.agentId()).contains(cluster.agents().get(0).id());
                DriverUpdate lost = after.awaitEnd(unknown, WAIT);
                assertThat(lost.state()).isEqualTo(TaskState.TASK_LOST);
                assertThat(lost.fromReconciliation()).isTrue();
                assertThat(lost.retryable()).isTrue();
                assertThat(SupervisionPolicy.DEFAULT.decide(lost)).isEqualTo(
                        new SupervisionPolicy.Relaunch(4, SupervisionPolicy.DEFAULT.backoff(3)));

                assertThat(driverProcess(cluster, request.taskId()).pid()).as("the same driver, not a new one")
                        .isEqualTo(pid);
                assertThat(framework.tracked()).containsExactly(request.taskId());
                // Re-attached: the new framework can kill it, and hears it end.
                framework.kill(request.taskId()).get();
                DriverUpdate killed = after.awaitEnd(request.taskId(), WAIT);
                assertThat(killed.state()).isEqualTo(TaskState.TASK_KILLED);
                assertThat(killed.failed()).isFalse();
            }
        }
    }
}
