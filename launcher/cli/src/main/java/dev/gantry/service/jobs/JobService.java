package dev.gantry.service.jobs;

import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobEvent;
import dev.gantry.service.store.JobQuery;
import dev.gantry.service.tenancy.User;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code gantry serve} does for its users, whoever asks (the HTTP API, a test). Authentication
 * happens before (the caller passes the {@link User} a token named); authorization too: a user acts
 * on the jobs of their own team only, and the API checks that with {@link Job#team()}.
 */
public interface JobService {
    /**
     * Validates the submission as {@code gantry run} validates a spec, then queues it. A bad one throws
     * {@link SubmissionRejectedException} (one line naming the field) and nothing is stored.
     */
    Job submit(User user, Submission submission);

    List<Job> jobs(JobQuery query);

    Optional<Job> job(long id);

    /** The job's state changes, oldest first. */
    List<JobEvent> events(long id);

    /**
     * Cancels a job: a waiting one at once, a running one by killing its driver (it ends CANCELLED
     * when the driver has stopped). Cancelling a finished job changes nothing and returns it.
     *
     * @throws dev.gantry.service.store.NoSuchJobException when there is no such job
     */
    Job cancel(long id, User by);

    /** The logs a job has so far: its drivers' and its workers' stdout and stderr, attempt by attempt. */
    List<LogName> logs(long id);

    /**
     * Up to {@code maxBytes} of one log from {@code offset}; an offset at or past the end gives an
     * empty chunk whose {@link LogChunk#complete()} says whether more can still come.
     */
    LogChunk log(long id, LogName name, long offset, int maxBytes);

    /** Why each waiting job waits, in the queue's order. */
    List<QueueEntry> queue();

    /**
     * The events of the job's {@code progress.jsonl} from {@code offset} (a byte offset a chunk gave,
     * or 0): whole lines only, at most {@link JobProgress#MAX_READ} bytes of them. The job's state is
     * read before the file, so a chunk that says complete holds everything its driver wrote.
     *
     * @throws dev.gantry.service.store.NoSuchJobException when there is no such job
     */
    ProgressChunk progress(long id, long offset);

    /** The job's progress in brief; empty until its driver has written some. */
    Optional<ProgressSummary> progressSummary(long id);

    /** The job's {@code report.html} in its output directory, once its driver has written it. */
    Optional<Path> report(long id);

    /** Where the job's processes can be looked at: sandboxes and Spark UI, as far as the master says. */
    JobPlaces places(long id);

    /** The cluster's agents, GPUs and roles now, with the service's jobs that hold them. */
    ClusterUsage cluster();
}
