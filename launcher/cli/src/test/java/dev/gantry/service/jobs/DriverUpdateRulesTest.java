package dev.gantry.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.service.drivers.DriverUpdate;
import dev.gantry.service.drivers.FailureKind;
import dev.gantry.service.drivers.SupervisionPolicy;
import dev.gantry.service.store.DatabaseConfig;
import dev.gantry.service.store.DriverPlacement;
import dev.gantry.service.store.JdbcJobStore;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobState;
import dev.gantry.service.store.NewJob;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverUpdateRulesTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path temp;

    private JdbcJobStore store;
    private final MovingClock clock = new MovingClock();
    private final ActiveRuns runs = new ActiveRuns();
    private final List<String> killed = new ArrayList<>();
    private DriverUpdateRules rules;

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    @BeforeEach
    void open() {
        store = JdbcJobStore.open(DatabaseConfig.embedded(temp));
        rules = new DriverUpdateRules(store, new SupervisionPolicy(2, Duration.ofSeconds(10), Duration.ofMinutes(1)),
                clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A job of two GPUs whose driver (attempt {@code attempt}) was launched. */
    private Job started(int attempt) {
        Job job = store.submit(new NewJob("vision", "alice", "resnet", "name: resnet\n", 0, 2), T0);
        for (int a = 1; a < attempt; a++) {
            store.start(job.id(), JobState.QUEUED, DriverPlacement.launched("driver-" + job.id() + "-" + a), T0, "x");
            store.transition(job.id(), JobState.STARTING, JobState.QUEUED, T0, "lost");
        }
        return store.start(job.id(), JobState.QUEUED, DriverPlacement.launched(task(job.id(), attempt)), T0, "launch")
                .orElseThrow();
    }

    private static String task(long job, int attempt) {
        return "driver-" + job + "-" + attempt;
    }

    private static DriverUpdate update(long job, int attempt, TaskState state, FailureKind failure, String message) {
        OptionalInt exit = message.matches(".*exited with status \\d+.*")
                ? OptionalInt.of(Integer.parseInt(message.replaceAll(".*exited with status (\\d+).*", "$1")))
                : OptionalInt.empty();
        return new DriverUpdate(task(job, attempt), Long.toString(job), attempt, state, message,
                Optional.of("agent-1"), Optional.empty(), exit, failure, false, true);
    }

    private Job apply(DriverUpdate update) {
        rules.apply(update, killed::add, runs);
        return store.find(Long.parseLong(update.jobId())).orElseThrow();
    }

    @Test
    void aRunningDriverRunsItsJobAndAFinishedOneCompletesItWithItsGpuService() {
        Job job = started(1);

        Job running = apply(update(job.id(), 1, TaskState.TASK_RUNNING, FailureKind.NONE, ""));
        assertThat(running.state()).isEqualTo(JobState.RUNNING);
        assertThat(running.driver().agent()).contains("agent-1");

        clock.advance(Duration.ofSeconds(30));
        Job done = apply(update(job.id(), 1, TaskState.TASK_FINISHED, FailureKind.NONE, "Command exited with status 0"));
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.jobResult().orElseThrow().exit()).hasValue(0);
        assertThat(done.gpuSeconds()).as("2 GPUs for 30 s").isEqualTo(60.0);
    }

    @Test
    void aRetryableFailureRequeuesWithBackoffUntilTheAttemptsAreSpent() {
        Job job = started(1);
        apply(update(job.id(), 1, TaskState.TASK_RUNNING, FailureKind.NONE, ""));

        Job requeued = apply(update(job.id(), 1, TaskState.TASK_FAILED, FailureKind.DRIVER_FAILED,
                "Command terminated with signal Killed"));
        assertThat(requeued.state()).isEqualTo(JobState.QUEUED);
        assertThat(runs.mayLaunch(job.id(), clock.instant())).isFalse();
        assertThat(runs.mayLaunch(job.id(), clock.instant().plusSeconds(10))).isTrue();

        store.start(job.id(), JobState.QUEUED, DriverPlacement.launched(task(job.id(), 2)), clock.instant(), "again");
        Job failed = apply(update(job.id(), 2, TaskState.TASK_LOST, FailureKind.AGENT_LOST, "agent removed"));
        assertThat(failed.state()).as("two attempts of two").isEqualTo(JobState.FAILED);
        assertThat(failed.jobResult().orElseThrow().errorLine()).hasValueSatisfying(
                e -> assertThat(e).contains("TASK_LOST", "agent removed"));
    }

    @Test
    void badInputFailsTheJobAtOnce() {
        Job job = started(1);
        Job failed = apply(update(job.id(), 1, TaskState.TASK_FAILED, FailureKind.BAD_INPUT,
                "Command exited with status 2"));
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.jobResult().orElseThrow().exit()).hasValue(2);
        assertThat(store.events(job.id()).get(store.events(job.id()).size() - 1).reason()).contains("bad input");
    }

    @Test
    void aPreemptedDriverThatStoppedLeavesItsJobPreemptedAndACancelledOneCancelled() {
        Job preempted = started(1);
        apply(update(preempted.id(), 1, TaskState.TASK_RUNNING, FailureKind.NONE, ""));
        store.transition(preempted.id(), JobState.RUNNING, JobState.PREEMPTING, T0, "for job 9");
        assertThat(apply(update(preempted.id(), 1, TaskState.TASK_KILLED, FailureKind.NONE, "")).state())
                .isEqualTo(JobState.PREEMPTED);

        Job cancelled = started(1);
        store.cancel(cancelled.id(), T0, "cancelled by alice");
        assertThat(apply(update(cancelled.id(), 1, TaskState.TASK_KILLED, FailureKind.NONE, "")).state())
                .isEqualTo(JobState.CANCELLED);
    }

    @Test
    void aDriverThatFinishesWhilePreemptedStillCompletesItsJob() {
        Job job = started(1);
        store.transition(job.id(), JobState.STARTING, JobState.RUNNING, T0, "runs");
        store.transition(job.id(), JobState.RUNNING, JobState.PREEMPTING, T0, "for job 9");
        assertThat(apply(update(job.id(), 1, TaskState.TASK_FINISHED, FailureKind.NONE, "")).state())
                .isEqualTo(JobState.COMPLETED);
    }

    @Test
    void aStaleAttemptStillRunningIsKilledAndItsEndChangesNothing() {
        Job job = started(2);
        DriverUpdate stale = update(job.id(), 1, TaskState.TASK_RUNNING, FailureKind.NONE, "");
        assertThat(apply(stale).state()).isEqualTo(JobState.STARTING);
        assertThat(killed).containsExactly(task(job.id(), 1));

        assertThat(apply(update(job.id(), 1, TaskState.TASK_FAILED, FailureKind.DRIVER_FAILED, "")).state())
                .isEqualTo(JobState.STARTING);
        assertThat(killed).hasSize(1);
    }
}
