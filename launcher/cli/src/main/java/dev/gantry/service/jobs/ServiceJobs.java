package dev.gantry.service.jobs;

import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobEvent;
import dev.gantry.service.store.JobQuery;
import dev.gantry.service.store.JobState;
import dev.gantry.service.store.JobStore;
import dev.gantry.service.store.NewJob;
import dev.gantry.service.store.NoSuchJobException;
import dev.gantry.service.tenancy.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link JobService} over the store and the dispatcher: a submission is checked whole before it is
 * stored (nothing half-queued), then the dispatcher is woken to decide; a cancel moves the job in
 * the store first, so that it never starts again, then kills its driver.
 */
final class ServiceJobs implements JobService {
    private final JobStore store;
    private final SpecCheck check;
    private final Dispatcher dispatcher;
    private final JobLogs logs;
    private final Supplier<ClusterUsage> cluster;
    private final Clock clock;
    private final ProgressSummaries summaries = new ProgressSummaries();

    /** @param cluster the cluster's usage, read afresh each call */
    ServiceJobs(JobStore store, SpecCheck check, Dispatcher dispatcher, JobLogs logs, Supplier<ClusterUsage> cluster,
            Clock clock) {
        this.store = store;
        this.check = check;
        this.dispatcher = dispatcher;
        this.logs = logs;
        this.cluster = cluster;
        this.clock = clock;
    }

    @Override
    public Job submit(User user, Submission submission) {
        CheckedJob checked = check.check(submission);
        NewJob job;
        try {
            job = new NewJob(user.team(), user.name(), checked.name(), checked.specText(), submission.priority(),
                    checked.gpus());
        } catch (IllegalArgumentException e) {
            throw new SubmissionRejectedException(e.getMessage());
        }
        Job stored = store.submit(job, clock.instant());
        dispatcher.specs().remember(stored.id(), checked);
        dispatcher.wake();
        return stored;
    }

    @Override
    public List<Job> jobs(JobQuery query) {
        return store.list(query);
    }

    @Override
    public Optional<Job> job(long id) {
        return store.find(id);
    }

    @Override
    public List<JobEvent> events(long id) {
        return store.events(id);
    }

    @Override
    public Job cancel(long id, User by) {
        Optional<Job> moved = store.cancel(id, clock.instant(), "cancelled by " + by.name());
        if (moved.isEmpty()) {
            return store.find(id).orElseThrow(() -> new NoSuchJobException(id));
        }
        if (moved.get().state() == JobState.CANCELLING) {
            dispatcher.killDriver(moved.get());
        } else {
            dispatcher.wake();
        }
        return moved.get();
    }

    @Override
    public List<LogName> logs(long id) {
        return logs.names(store.find(id).orElseThrow(() -> new NoSuchJobException(id)));
    }

    @Override
    public LogChunk log(long id, LogName name, long offset, int maxBytes) {
        return logs.read(store.find(id).orElseThrow(() -> new NoSuchJobException(id)), name, offset, maxBytes);
    }

    @Override
    public List<QueueEntry> queue() {
        return dispatcher.queue();
    }

    @Override
    public ProgressChunk progress(long id, long offset) {
        // The state first: a job final before the read has written all it ever will.
        Job job = find(id);
        boolean jobFinal = job.state().isFinal();
        return ProgressSummaries.file(job).map(file -> JobProgress.read(file, offset, jobFinal))
                .orElseGet(() -> new ProgressChunk(List.of(), offset, jobFinal));
    }

    @Override
    public Optional<ProgressSummary> progressSummary(long id) {
        return summaries.of(find(id));
    }

    @Override
    public Optional<Path> report(long id) {
        return find(id).output().map(dir -> Path.of(dir).resolve("report.html")).filter(Files::isRegularFile);
    }

    @Override
    public JobPlaces places(long id) {
        return logs.places(find(id));
    }

    @Override
    public ClusterUsage cluster() {
        return cluster.get();
    }

    private Job find(long id) {
        return store.find(id).orElseThrow(() -> new NoSuchJobException(id));
    }
}
