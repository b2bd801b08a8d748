package dev.gantry.service.api;

import dev.gantry.service.jobs.ClusterUsage;
import dev.gantry.service.jobs.JobPlaces;
import dev.gantry.service.jobs.JobProgress;
import dev.gantry.service.jobs.JobService;
import dev.gantry.service.jobs.LogChunk;
import dev.gantry.service.jobs.LogName;
import dev.gantry.service.jobs.ProgressChunk;
import dev.gantry.service.jobs.ProgressSummary;
import dev.gantry.service.jobs.QueueEntry;
import dev.gantry.service.jobs.Submission;
import dev.gantry.service.jobs.SubmissionRejectedException;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobEvent;
import dev.gantry.service.store.JobQuery;
import dev.gantry.service.store.JobResult;
import dev.gantry.service.store.JobState;
import dev.gantry.service.store.NoSuchJobException;
import dev.gantry.service.tenancy.User;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JobService for the API's and the CLI's tests: jobs in a map, every call recorded. A spec with
 * {@code workers: 0} is rejected naming {@code resources.workers}, as the real validation would; a
 * spec's {@code name:} line names the job. Logs grow as a test scripts them.
 */
public final class RecordingJobService implements JobService {
    public static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Pattern NAME = Pattern.compile("(?m)^name:\\s*(\\S+)");

    /** Each call, e.g. {@code submit alice 5}, {@code cancel 3 alice}, {@code jobs JobQuery[...]}. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** The submissions as the service got them. */
    public final List<Submission> submissions = new CopyOnWriteArrayList<>();
    public final List<QueueEntry> queue = new CopyOnWriteArrayList<>();
    /** When set, {@link #jobs} throws it: a service failing unexpectedly. */
    public volatile RuntimeException failure;
    /** When set, {@link #jobs} runs it first (e.g. waits on a latch): a slow service. */
    public volatile Runnable beforeJobs;
    /** What {@link #places} answers for any job; null: it fails, as with the master away. */
    public volatile JobPlaces places = JobPlaces.NONE;
    /** What {@link #cluster} answers. */
    public volatile ClusterUsage cluster = new ClusterUsage(List.of(), List.of(), ClusterUsage.Amounts.ZERO,
            ClusterUsage.Amounts.ZERO, ClusterUsage.Amounts.ZERO);

    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    private final Map<Long, Map<LogName, Log>> logs = new ConcurrentHashMap<>();
    private long nextId = 1;

    /** A log: the bytes written so far, and pieces still to come, one per read that finds nothing new. */
    private static final class Log {
        byte[] written = new byte[0];
        final Deque<byte[]> pending = new ArrayDeque<>();
    }

    public synchronized Job add(String team, String user, String name, JobState state) {
        long id = nextId++;
        Job job = new Job(id, team, user, name, "name: " + name + "\n", state, 0, 2, NOW.minusSeconds(3600 - id),
                state == JobState.QUEUED ? null : NOW.minusSeconds(1800), state.isFinal() ? NOW : null,
                state == JobState.QUEUED ? 0 : 1, 0.0, null, null, state == JobState.FAILED
                ? JobResult.failed(3, "driver exited with code 3") : null);
        jobs.put(id, job);
        return job;
    }

    /** Gives the job a log with {@code written} now and each of {@code later} after a read that found nothing new. */
    public void log(long id, LogName name, String written, String... later) {
        Log log = new Log();
        log.written = written.getBytes(StandardCharsets.UTF_8);
        Arrays.stream(later).map(s -> s.getBytes(StandardCharsets.UTF_8)).forEach(log.pending::add);
        logs.computeIfAbsent(id, i -> new LinkedHashMap<>()).put(name, log);
    }

    @Override
    public synchronized Job submit(User user, Submission submission) {
        calls.add("submit " + user.name() + " " + submission.priority());
        submissions.add(submission);
        if (submission.specText().contains("workers: 0")) {
            throw new SubmissionRejectedException("resources.workers", "resources.workers must be at least 1, got 0");
        }
        Matcher m = NAME.matcher(submission.specText());
        long id = nextId++;
        Job job = new Job(id, user.team(), user.name(), m.find() ? m.group(1) : "job", submission.specText(),
                JobState.QUEUED, submission.priority(), 1, NOW, null, null, 0, 0.0, null, null, null);
        jobs.put(id, job);
        return job;
    }

    @Override
    public List<Job> jobs(JobQuery query) {
        calls.add("jobs " + query);
        if (beforeJobs != null) {
            beforeJobs.run();
        }
        if (failure != null) {
            throw failure;
        }
        return jobs.values().stream()
                .filter(j -> query.states().contains(j.state()))
                .filter(j -> query.team() == null || query.team().equals(j.team()))
                .filter(j -> query.user() == null || query.user().equals(j.user()))
                .sorted(query.descending() ? Comparator.comparingLong(Job::id).reversed()
                        : Comparator.comparingLong(Job::id))
                .limit(query.limit())
                .toList();
    }

    @Override
    public Optional<Job> job(long id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public List<JobEvent> events(long id) {
        Job job = jobs.get(id);
        List<JobEvent> events = new ArrayList<>();
        events.add(new JobEvent(10 * id, id, job.submittedAt(), null, JobState.QUEUED, "submitted"));
        if (job.state() != JobState.QUEUED) {
            events.add(new JobEvent(10 * id + 1, id, NOW, JobState.QUEUED, job.state(), "test"));
        }
        return events;
    }

    @Override
    public synchronized Job cancel(long id, User by) {
        calls.add("cancel " + id + " " + by.name());
        Job job = Optional.ofNullable(jobs.get(id)).orElseThrow(() -> new NoSuchJobException(id));
        if (job.state().isFinal()) {
            return job;
        }
        JobState next = job.state().isWaiting() ? JobState.CANCELLED : JobState.CANCELLING;
        Job cancelled = new Job(job.id(), job.team(), job.user(), job.name(), job.specYaml(), next, job.priority(),
                job.gpus(), job.submittedAt(), job.startedAt(), next.isFinal() ? NOW : null, job.attempts(),
                job.gpuSeconds(), job.driver(), job.outputDirectory(), job.result());
        jobs.put(id, cancelled);
        return cancelled;
    }

    @Override
    public List<LogName> logs(long id) {
        calls.add("logs " + id);
        return List.copyOf(logs.getOrDefault(id, Map.of()).keySet());
    }

    @Override
    public synchronized LogChunk log(long id, LogName name, long offset, int maxBytes) {
        calls.add("log " + id + " " + name + " " + offset + " " + maxBytes);
        Log log = logs.get(id).get(name);
        if (offset >= log.written.length) {
            byte[] next = log.pending.poll();
            if (next != null) {
                byte[] grown = Arrays.copyOf(log.written, log.written.length + next.length);
                System.arraycopy(next, 0, grown, log.written.length, next.length);
                log.written = grown;
            }
            return new LogChunk(name, offset, new byte[0], next == null);
        }
        int end = (int) Math.min(log.written.length, offset + maxBytes);
        return new LogChunk(name, offset, Arrays.copyOfRange(log.written, (int) offset, end), log.pending.isEmpty());
    }

    @Override
    public List<QueueEntry> queue() {
        calls.add("queue");
        return List.copyOf(queue);
    }

    /** Gives the job an output directory, where its progress file and report are. */
    public synchronized Job output(long id, Path directory) {
        return replace(id, jobs.get(id).state(), directory.toString());
    }

    /** Moves the job to {@code state}, as its driver's updates would. */
    public synchronized Job state(long id, JobState state) {
        return replace(id, state, jobs.get(id).outputDirectory());
    }

    private Job replace(long id, JobState state, String output) {
        Job job = jobs.get(id);
        Job moved = new Job(job.id(), job.team(), job.user(), job.name(), job.specYaml(), state, job.priority(),
                job.gpus(), job.submittedAt(), job.startedAt(), state.isFinal() ? NOW : null, job.attempts(),
                job.gpuSeconds(), job.driver(), output, job.result());
        jobs.put(id, moved);
        return moved;
    }

    @Override
    public ProgressChunk progress(long id, long offset) {
        calls.add("progress " + id + " " + offset);
        Job job = Optional.ofNullable(jobs.get(id)).orElseThrow(() -> new NoSuchJobException(id));
        boolean jobFinal = job.state().isFinal();
        return job.output().map(dir -> JobProgress.read(Path.of(dir).resolve(JobProgress.FILE), offset, jobFinal))
                .orElseGet(() -> new ProgressChunk(List.of(), offset, jobFinal));
    }

    @Override
    public Optional<ProgressSummary> progressSummary(long id) {
        ProgressSummary summary = ProgressSummary.NONE;
        long offset = 0;
        while (true) {
            ProgressChunk chunk = progress(id, offset);
            for (ProgressChunk.Event event : chunk.events()) {
                summary = summary.with(event.json());
            }
            if (chunk.nextOffset() == offset) {
                return offset == 0 ? Optional.empty() : Optional.of(summary);
            }
            offset = chunk.nextOffset();
        }
    }

    @Override
    public Optional<Path> report(long id) {
        return jobs.get(id).output().map(dir -> Path.of(dir).resolve("report.html")).filter(Files::isRegularFile);
    }

    @Override
    public JobPlaces places(long id) {
        calls.add("places " + id);
        if (places == null) {
            throw new IllegalStateException("the master's state is unreadable: connection refused");
        }
        return places;
    }

    @Override
    public ClusterUsage cluster() {
        calls.add("cluster");
        return cluster;
    }

    /** Whether the service was asked to queue anything. */
    public boolean submitted() {
        return calls.stream().anyMatch(c -> c.startsWith("submit"));
    }
}
