package dev.gantry.service.jobs;

import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobEvent;
import dev.gantry.service.store.JobQuery;
import dev.gantry.service.tenancy.User;
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
}
