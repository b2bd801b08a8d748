package dev.gantry.service.jobs;

import dev.gantry.service.metrics.ServiceMetrics;
import dev.gantry.service.store.DriverPlacement;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobEvent;
import dev.gantry.service.store.JobQuery;
import dev.gantry.service.store.JobResult;
import dev.gantry.service.store.JobState;
import dev.gantry.service.store.JobStore;
import dev.gantry.service.store.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store, recording in the service's metrics what its moves mean: a job that reaches a final
 * state counts as an outcome, and a start records how long the job waited. Here rather than at
 * each caller, since every move of a job goes through the store and only a move that happened
 * (the store answered with the job) may count: a caller that lost a race to another changes nothing.
 */
final class MeteredJobStore implements JobStore {
    private final JobStore store;
    private final ServiceMetrics metrics;

    MeteredJobStore(JobStore store, ServiceMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public Optional<Job> transition(long id, JobState expected, JobState target, Instant at, String reason) {
        return outcome(store.transition(id, expected, target, at, reason));
    }

    @Override
    public Optional<Job> start(long id, JobState expected, DriverPlacement driver, Instant at, String reason) {
        Optional<Job> started = store.start(id, expected, driver, at, reason);
        started.ifPresent(job -> metrics.queueWait(job.team(), Duration.between(queuedSince(job), at)));
        return started;
    }

    @Override
    public Optional<Job> finish(long id, JobState expected, JobState outcome, JobResult result, Instant at,
            String reason) {
        return outcome(store.finish(id, expected, outcome, result, at, reason));
    }

    @Override
    public Optional<Job> cancel(long id, Instant at, String reason) {
        return outcome(store.cancel(id, at, reason));
    }

    private Optional<Job> outcome(Optional<Job> moved) {
        moved.filter(job -> job.state().isFinal()).ifPresent(job -> metrics.jobFinished(job.team(),
                job.state().name()));
        return moved;
    }

    /** When the job last joined the queue: submitted, preempted or sent back after a failure. */
    private Instant queuedSince(Job job) {
        Instant since = job.submittedAt();
        for (JobEvent event : store.events(job.id())) {
            if (event.to().isWaiting()) {
                since = event.at();
            }
        }
        return since;
    }

    // ---- the rest as the store has it ----

    @Override
    public Job submit(NewJob job, Instant at) {
        return store.submit(job, at);
    }

    @Override
    public Optional<Job> find(long id) {
        return store.find(id);
    }

    @Override
    public Optional<Job> findByDriverTask(String taskId) {
        return store.findByDriverTask(taskId);
    }

    @Override
    public List<Job> list(JobQuery query) {
        return store.list(query);
    }

    @Override
    public List<JobEvent> events(long id) {
        return store.events(id);
    }

    @Override
    public void recordDriver(long id, DriverPlacement driver) {
        store.recordDriver(id, driver);
    }

    @Override
    public void recordService(long id, double gpuSeconds) {
        store.recordService(id, gpuSeconds);
    }

    @Override
    public void recordOutputDirectory(long id, String directory) {
        store.recordOutputDirectory(id, directory);
    }

    @Override
    public Map<String, Double> gpuSecondsByTeam() {
        return store.gpuSecondsByTeam();
    }

    @Override
    public Map<JobState, Long> countByState() {
        return store.countByState();
    }

    @Override
    public Optional<String> frameworkId() {
        return store.frameworkId();
    }

    @Override
    public void recordFrameworkId(String frameworkId) {
        store.recordFrameworkId(frameworkId);
    }

    @Override
    public void close() {
        store.close();
    }
}
