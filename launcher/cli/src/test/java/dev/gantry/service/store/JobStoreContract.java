package dev.gantry.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} database must do, run against each: the embedded H2 and a real
 * PostgreSQL server. Subclasses say how to get a fresh, empty database.
 */
abstract class JobStoreContract {
    static final Instant T0 = Instant.parse("2026-03-01T09:00:00.123456789Z");

    DatabaseConfig config;
    JdbcJobStore store;

    /** A fresh, empty database. */
    abstract DatabaseConfig freshDatabase() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        config = freshDatabase();
        store = JdbcJobStore.open(config);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    JdbcJobStore reopen() {
        store.close();
        store = JdbcJobStore.open(config);
        return store;
    }

    static NewJob newJob(String team, String user, String name) {
        return new NewJob(team, user, name, "name: " + name + "\nframework: tensorflow\nresources:\n  gpus: 2\n", 5, 2);
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void submitQueuesTheJobWithEverythingAsSubmitted() {
        NewJob submitted = new NewJob("vision", "alice", "resnet", "name: resnet\n# a comment, kept\nx: 'é ü 😀'\n", 7, 4);

        Job job = store.submit(submitted, T0);

        assertThat(job.state()).isEqualTo(JobState.QUEUED);
        assertThat(job).extracting(Job::team, Job::user, Job::name, Job::specYaml, Job::priority, Job::gpus)
                .containsExactly("vision", "alice", "resnet", submitted.specYaml(), 7, 4);
        assertThat(job.submittedAt()).isEqualTo(Instant.parse("2026-03-01T09:00:00.123456Z"));
        assertThat(job).extracting(Job::startedAt, Job::finishedAt, Job::driver, Job::outputDirectory, Job::result)
                .containsOnlyNulls();
        assertThat(job.attempts()).isZero();
        assertThat(job.gpuSeconds()).isZero();
        assertThat(store.find(job.id())).contains(job);
        assertThat(store.events(job.id())).singleElement().satisfies(e -> {
            assertThat(e.from()).isNull();
            assertThat(e.to()).isEqualTo(JobState.QUEUED);
            assertThat(e.reason()).isEqualTo("submitted by alice");
            assertThat(e.at()).isEqualTo(job.submittedAt());
        });
    }

    @Test
    void aJobGoesThroughItsLifeAndKeepsItsHistory() {
        long id = store.submit(newJob("vision", "alice", "resnet"), at(0)).id();

        Job starting = store.start(id, JobState.QUEUED, new DriverPlacement("gantry-job-1-a1", "agent-7"), at(1),
                "its turn: vision is below its share").orElseThrow();
        assertThat(starting.state()).isEqualTo(JobState.STARTING);
        assertThat(starting.attempts()).isEqualTo(1);
        assertThat(starting.driver()).isEqualTo(new DriverPlacement("gantry-job-1-a1", "agent-7"));
        assertThat(store.findByDriverTask("gantry-job-1-a1")).map(Job::id).contains(id);

        store.transition(id, JobState.STARTING, JobState.RUNNING, at(2), "TASK_RUNNING").orElseThrow();
        store.recordService(id, 10.5);
        store.recordService(id, 4.5);
        store.recordOutputDirectory(id, "/var/lib/gantry/jobs/" + id);
        Job done = store.finish(id, JobState.RUNNING, JobState.COMPLETED, JobResult.exited(0), at(3), "TASK_FINISHED")
                .orElseThrow();

        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.startedAt()).isEqualTo(at(2).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(done.finishedAt()).isEqualTo(at(3).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(done.gpuSeconds()).isEqualTo(15.0);
        assertThat(done.outputDirectory()).isEqualTo("/var/lib/gantry/jobs/" + id);
        assertThat(done.result()).isEqualTo(new JobResult(0, null));
        assertThat(store.events(id)).extracting(JobEvent::from, JobEvent::to, JobEvent::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, JobState.QUEUED, "submitted by alice"),
                org.assertj.core.groups.Tuple.tuple(JobState.QUEUED, JobState.STARTING, "its turn: vision is below its share"),
                org.assertj.core.groups.Tuple.tuple(JobState.STARTING, JobState.RUNNING, "TASK_RUNNING"),
                org.assertj.core.groups.Tuple.tuple(JobState.RUNNING, JobState.COMPLETED, "TASK_FINISHED"));
    }

    @Test
    void aPreemptedJobWaitsAgainAndCountsItsSecondAttempt() {
        long id = store.submit(newJob("nlp", "bob", "bert"), at(0)).id();
        store.start(id, JobState.QUEUED, new DriverPlacement("bert-a1", "agent-1"), at(1), "launched").orElseThrow();
        store.transition(id, JobState.STARTING, JobState.RUNNING, at(2), "TASK_RUNNING").orElseThrow();
        store.transition(id, JobState.RUNNING, JobState.PREEMPTING, at(3), "vision is owed 4 GPUs").orElseThrow();
        store.transition(id, JobState.PREEMPTING, JobState.PREEMPTED, at(4), "checkpoint at step 900").orElseThrow();
        assertThat(store.list(JobQuery.all().inStates(JobState.waiting()))).extracting(Job::id).containsExactly(id);

        Job again = store.start(id, JobState.PREEMPTED, new DriverPlacement("bert-a2", "agent-2"), at(5), "resumed")
                .orElseThrow();
        store.transition(id, JobState.STARTING, JobState.RUNNING, at(6), "TASK_RUNNING").orElseThrow();

        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.driver().taskId()).isEqualTo("bert-a2");
        assertThat(store.findByDriverTask("bert-a1")).isEmpty();
        // The start time is the first run's.
        assertThat(store.find(id).orElseThrow().startedAt()).isEqualTo(at(2).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    @Test
    void aMoveFromAStateTheJobIsNoLongerInChangesNothing() {
        long id = store.submit(newJob("vision", "alice", "resnet"), at(0)).id();
        store.transition(id, JobState.QUEUED, JobState.CANCELLED, at(1), "cancelled by alice").orElseThrow();
        Job before = store.find(id).orElseThrow();

        assertThat(store.start(id, JobState.QUEUED, new DriverPlacement("t", "a"), at(2), "launch")).isEmpty();

        assertThat(store.find(id)).contains(before);
        assertThat(store.events(id)).hasSize(2);
    }

    @Test
    void aMoveTheStateMachineForbidsIsRefusedBeforeTheDatabase() {
        long id = store.submit(newJob("vision", "alice", "resnet"), at(0)).id();

        assertThatThrownBy(() -> store.transition(id, JobState.QUEUED, JobState.COMPLETED, at(1), "?"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot move from QUEUED to COMPLETED");
        assertThatThrownBy(() -> store.finish(id, JobState.RUNNING, JobState.RUNNING, JobResult.exited(0), at(1), "?"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a final state");
        assertThatThrownBy(() -> store.transition(id, JobState.QUEUED, JobState.STARTING, at(1), " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(store.events(id)).hasSize(1);
    }

    @Test
    void anUnknownJobIsSaidSo() {
        assertThat(store.find(404)).isEmpty();
        assertThat(store.events(404)).isEmpty();
        assertThatThrownBy(() -> store.transition(404, JobState.QUEUED, JobState.STARTING, at(1), "launch"))
                .isInstanceOf(NoSuchJobException.class).hasMessage("no job 404");
        assertThatThrownBy(() -> store.recordService(404, 1)).isInstanceOf(NoSuchJobException.class);
        assertThatThrownBy(() -> store.recordDriver(404, new DriverPlacement("t", "a")))
                .isInstanceOf(NoSuchJobException.class);
        assertThatThrownBy(() -> store.cancel(404, at(1), "x")).isInstanceOf(NoSuchJobException.class);
    }

    @Test
    void listsByStateTeamAndUserInSubmissionOrder() {
        long a = store.submit(newJob("vision", "alice", "a"), at(0)).id();
        long b = store.submit(newJob("nlp", "bob", "b"), at(1)).id();
        long c = store.submit(newJob("vision", "carol", "c"), at(2)).id();
        long d = store.submit(newJob("vision", "alice", "d"), at(3)).id();
        store.start(b, JobState.QUEUED, new DriverPlacement("tb", "ag"), at(4), "launch").orElseThrow();
        store.transition(c, JobState.QUEUED, JobState.CANCELLED, at(5), "cancelled").orElseThrow();

        assertThat(store.list(JobQuery.all())).extracting(Job::id).containsExactly(a, b, c, d);
        assertThat(store.list(JobQuery.all().newestFirst().limit(2))).extracting(Job::id).containsExactly(d, c);
        assertThat(store.list(JobQuery.all().inStates(JobState.QUEUED))).extracting(Job::id).containsExactly(a, d);
        assertThat(store.list(JobQuery.all().inStates(JobState.withDriver()))).extracting(Job::id).containsExactly(b);
        assertThat(store.list(JobQuery.all().ofTeam("vision"))).extracting(Job::id).containsExactly(a, c, d);
        assertThat(store.list(JobQuery.all().ofTeam("vision").inStates(JobState.QUEUED, JobState.CANCELLED).ofUser("carol")))
                .extracting(Job::id).containsExactly(c);
        assertThat(store.list(JobQuery.all().inStates(List.of()))).isEmpty();
        assertThat(store.countByState()).containsEntry(JobState.QUEUED, 2L).containsEntry(JobState.STARTING, 1L)
                .containsEntry(JobState.CANCELLED, 1L).containsEntry(JobState.RUNNING, 0L).hasSize(JobState.values().length);
    }

    @Test
    void cancelEndsAWaitingJobAndAsksARunningOneToStop() {
        long waiting = store.submit(newJob("vision", "alice", "w"), at(0)).id();
        long running = store.submit(newJob("vision", "alice", "r"), at(0)).id();
        long done = store.submit(newJob("vision", "alice", "d"), at(0)).id();
        store.start(running, JobState.QUEUED, new DriverPlacement("tr", "ag"), at(1), "launch").orElseThrow();
        store.transition(running, JobState.STARTING, JobState.RUNNING, at(2), "TASK_RUNNING").orElseThrow();
        store.transition(done, JobState.QUEUED, JobState.CANCELLED, at(1), "cancelled").orElseThrow();

        assertThat(store.cancel(waiting, at(3), "cancelled by alice")).map(Job::state).contains(JobState.CANCELLED);
        assertThat(store.cancel(running, at(3), "cancelled by alice")).map(Job::state).contains(JobState.CANCELLING);
        assertThat(store.cancel(running, at(4), "cancelled again")).map(Job::state).contains(JobState.CANCELLING);
        assertThat(store.cancel(done, at(3), "too late")).isEmpty();
        assertThat(store.events(running)).hasSize(4);

        Job killed = store.finish(running, JobState.CANCELLING, JobState.CANCELLED, JobResult.failed(137, "killed"), at(5),
                "TASK_KILLED").orElseThrow();
        assertThat(killed.result()).isEqualTo(new JobResult(137, "killed"));
        assertThat(killed.finishedAt()).isNotNull();
    }

    @Test
    void serviceAddsUpPerTeam() {
        long a = store.submit(newJob("vision", "alice", "a"), at(0)).id();
        long b = store.submit(newJob("vision", "carol", "b"), at(0)).id();
        long c = store.submit(newJob("nlp", "bob", "c"), at(0)).id();
        store.recordService(a, 100);
        store.recordService(b, 20.25);
        store.recordService(c, 7);
        store.recordService(c, 0);

        assertThat(store.gpuSecondsByTeam()).isEqualTo(Map.of("vision", 120.25, "nlp", 7.0));
        assertThatThrownBy(() -> store.recordService(a, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.recordService(a, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find(a).orElseThrow().gpuSeconds()).isEqualTo(100.0);
    }

    @Test
    void aResultKeepsOneLineOfError() {
        long id = store.submit(newJob("vision", "alice", "a"), at(0)).id();
        store.start(id, JobState.QUEUED, new DriverPlacement("t1", "ag"), at(1), "launch").orElseThrow();
        String trace = "java.lang.OutOfMemoryError: CUDA out of memory\n\tat Foo.bar(Foo.java:1)\n" + "x".repeat(5000);

        Job failed = store.finish(id, JobState.STARTING, JobState.FAILED, JobResult.failed(1, trace), at(2), "TASK_FAILED")
                .orElseThrow();

        assertThat(failed.result().error()).isEqualTo("java.lang.OutOfMemoryError: CUDA out of memory");
        assertThatThrownBy(() -> store.finish(id, JobState.FAILED, JobState.FAILED, JobResult.exited(1), at(3), "again"))
                .as("a final state is final").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoJobsCannotClaimTheSameDriverTaskAndTheLoserStaysQueued() {
        long a = store.submit(newJob("vision", "alice", "a"), at(0)).id();
        long b = store.submit(newJob("vision", "alice", "b"), at(0)).id();
        store.start(a, JobState.QUEUED, new DriverPlacement("same-task", "ag"), at(1), "launch").orElseThrow();

        assertThatThrownBy(() -> store.start(b, JobState.QUEUED, new DriverPlacement("same-task", "ag"), at(1), "launch"))
                .isInstanceOf(StoreException.class).hasMessageContaining("driver task id must be unique");

        Job loser = store.find(b).orElseThrow();
        assertThat(loser.state()).isEqualTo(JobState.QUEUED);
        assertThat(loser.attempts()).isZero();
        assertThat(store.events(b)).hasSize(1);
    }

    @Test
    void aBadSubmissionIsRefusedWithTheFieldAndLeavesNothing() {
        assertThatThrownBy(() -> new NewJob("vision team", "alice", "a", "x: 1", 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("team must be");
        assertThatThrownBy(() -> new NewJob("vision", "alice", "a", "x: 1", 0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("gpus must be");
        assertThatThrownBy(() -> new NewJob("vision", "alice", "a\nb", "x: 1", 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name must be one line");
        assertThatThrownBy(() -> new NewJob("vision", "alice", "a", "x".repeat(NewJob.MAX_SPEC_CHARS + 1), 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than the 1000000");

        assertThat(store.list(JobQuery.all())).isEmpty();
    }

    @Test
    void aSubmissionThatFailsHalfwayLeavesNothing() throws SQLException {
        // The database refuses the submission's second row (its first event), after the job row went in.
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE job_events ADD CONSTRAINT test_refuses_mallory CHECK (reason <> 'submitted by mallory')");
        }

        assertThatThrownBy(() -> store.submit(newJob("vision", "mallory", "m"), at(0)))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("cannot submit a job in ");

        assertThat(store.list(JobQuery.all())).isEmpty();
        assertThat(store.countByState().values()).containsOnly(0L);
        long next = store.submit(newJob("vision", "alice", "a"), at(1)).id();
        assertThat(store.list(JobQuery.all())).extracting(Job::id).containsExactly(next);
        assertThat(store.events(next)).hasSize(1);
    }

    @Test
    void aReopenedStoreHasEverythingAndAppliedItsMigrationsOnce() {
        long queued = store.submit(newJob("vision", "alice", "q"), at(0)).id();
        long running = store.submit(newJob("nlp", "bob", "r"), at(1)).id();
        long finished = store.submit(newJob("vision", "carol", "f"), at(2)).id();
        store.start(running, JobState.QUEUED, new DriverPlacement("task-r", "agent-r"), at(3), "launch").orElseThrow();
        store.transition(running, JobState.STARTING, JobState.RUNNING, at(4), "TASK_RUNNING").orElseThrow();
        store.recordService(running, 42);
        store.start(finished, JobState.QUEUED, new DriverPlacement("task-f", "agent-f"), at(3), "launch").orElseThrow();
        store.recordOutputDirectory(finished, "/data/jobs/f");
        store.finish(finished, JobState.STARTING, JobState.FAILED, JobResult.failed(2, "bad data"), at(5), "TASK_FAILED")
                .orElseThrow();
        List<Job> jobs = store.list(JobQuery.all());
        List<List<JobEvent>> events = List.of(store.events(queued), store.events(running), store.events(finished));

        reopen();
        reopen();

        assertThat(store.list(JobQuery.all())).isEqualTo(jobs);
        assertThat(List.of(store.events(queued), store.events(running), store.events(finished))).isEqualTo(events);
        assertThat(store.list(JobQuery.all().inStates(JobState.withDriver()))).extracting(j -> j.driver().taskId())
                .containsExactly("task-r");
        assertThat(store.submit(newJob("vision", "alice", "next"), at(6)).id()).as("ids are never reused")
                .isGreaterThan(finished);
        MigrationInfo[] applied = Flyway.configure().dataSource(store.dataSource()).locations(StoreDataSource.MIGRATIONS)
                .load().info().applied();
        MigrationInfo[] known = Flyway.configure().dataSource(store.dataSource()).locations(StoreDataSource.MIGRATIONS)
                .load().info().all();
        assertThat(applied).hasSameSizeAs(known).isNotEmpty();
        assertThat(Arrays.stream(applied).map(m -> m.getVersion().getVersion())).doesNotHaveDuplicates();
        assertThat(Arrays.stream(applied).map(m -> m.getState().isApplied() && !m.getState().isFailed())).containsOnly(true);
    }

    /**
     * Two schedulers (or a scheduler and a cancel) race for the same queued jobs: for every job
     * exactly one wins, whatever the interleaving. The threads meet at a barrier, no sleeps.
     */
    @Test
    void ofTwoRacingStartsExactlyOneWins() throws Exception {
        int jobs = 40;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(store.submit(newJob("vision", "alice", "j" + i), at(0)).id());
        }
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try {
            for (long id : ids) {
                CyclicBarrier bothReady = new CyclicBarrier(2);
                Callable<Optional<Job>> first = () -> {
                    bothReady.await();
                    return store.start(id, JobState.QUEUED, new DriverPlacement("a-" + id, "agent-a"), at(1), "racer a");
                };
                Callable<Optional<Job>> second = () -> {
                    bothReady.await();
                    return id % 2 == 0
                            ? store.start(id, JobState.QUEUED, new DriverPlacement("b-" + id, "agent-b"), at(1), "racer b")
                            : store.transition(id, JobState.QUEUED, JobState.CANCELLED, at(1), "cancelled");
                };
                Future<Optional<Job>> a = racers.submit(first);
                Future<Optional<Job>> b = racers.submit(second);

                assertThat(a.get().isPresent() ^ b.get().isPresent()).as("exactly one of the two moves job %d", id).isTrue();
                Job after = store.find(id).orElseThrow();
                Job winner = a.get().isPresent() ? a.get().orElseThrow() : b.get().orElseThrow();
                assertThat(after).isEqualTo(winner);
                assertThat(after.attempts()).isLessThanOrEqualTo(1);
                assertThat(store.events(id)).hasSize(2);
            }
        } finally {
            racers.shutdownNow();
        }
    }

    @Test
    void aDriverLaunchedBeforeItsAgentIsKnownGetsItsAgentLaterAndSurvivesAReopen() {
        long id = store.submit(newJob("vision", "alice", "resnet"), T0).id();
        store.start(id, JobState.QUEUED, DriverPlacement.launched("driver-1-1"), at(1), "launched").orElseThrow();
        assertThat(reopen().find(id).orElseThrow().driver()).isEqualTo(DriverPlacement.launched("driver-1-1"));
        assertThat(store.findByDriverTask("driver-1-1")).map(Job::id).contains(id);

        store.recordDriver(id, new DriverPlacement("driver-1-1", "agent-3"));

        assertThat(reopen().find(id).orElseThrow().driver().agent()).contains("agent-3");
    }

    @Test
    void theFrameworkIdIsKeptAcrossReopensAndReplacedWhenRecordedAgain() {
        assertThat(store.frameworkId()).isEmpty();
        store.recordFrameworkId("fw-1");
        assertThat(reopen().frameworkId()).contains("fw-1");
        store.recordFrameworkId("fw-2");
        assertThat(reopen().frameworkId()).contains("fw-2");
    }
}
