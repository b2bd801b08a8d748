package dev.gantry.service.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gantry serve}'s durable state: jobs, their states and the history of those states. Every
 * operation is one database transaction: it happens whole or not at all, and what it wrote is
 * there after a restart (or a crash) of the service. Times come from the caller, as in the queue
 * policy, so that tests and replays choose them.
 *
 * <p>Moves between states are optimistic: each names the state the caller believes the job is in,
 * and happens only if the job is still in it. Of two actors racing to start a queued job exactly
 * one gets the job back; the other gets {@link Optional#empty()} and leaves the job alone. Moves
 * that {@link JobState} does not allow throw {@link IllegalArgumentException}; an unknown id
 * throws {@link NoSuchJobException}; a database failure throws {@link StoreException}.
 *
 * <p>Implementations are safe for concurrent use by many threads, and by several processes on
 * one PostgreSQL database.
 */
public interface JobStore extends AutoCloseable {

    /** Queues a new job (state QUEUED, with a first event "submitted by USER"), all or nothing. */
    Job submit(NewJob job, Instant at);

    Optional<Job> find(long id);

    /** The job whose latest driver is this Mesos task, as status updates name it. */
    Optional<Job> findByDriverTask(String taskId);

    List<Job> list(JobQuery query);

    /** The job's history, oldest first; empty for an unknown id. */
    List<JobEvent> events(long id);

    /**
     * Moves the job from {@code expected} to {@code target} if it is still in {@code expected}:
     * the job as it now is, or empty when it was not in {@code expected} (someone else moved it).
     * A move to STARTING counts an attempt; the first move to RUNNING sets the start time; a
     * move to a final state sets the finish time.
     */
    Optional<Job> transition(long id, JobState expected, JobState target, Instant at, String reason);

    /**
     * Moves the job from {@code expected} (QUEUED or PREEMPTED) to STARTING with its new driver, in
     * one step: a driver task id is on record before the task is launched, so a restart finds
     * every task the service may have launched.
     */
    Optional<Job> start(long id, JobState expected, DriverPlacement driver, Instant at, String reason);

    /** Moves the job from {@code expected} to a final state and records how its driver ended. */
    Optional<Job> finish(long id, JobState expected, JobState outcome, JobResult result, Instant at, String reason);

    /**
     * Cancels the job: a waiting job becomes CANCELLED; one with a driver becomes CANCELLING (the
     * service kills the driver, then moves it to CANCELLED). The job as it now is (also when it
     * was CANCELLING already), or empty when it had already reached a final state.
     */
    Optional<Job> cancel(long id, Instant at, String reason);

    /** Replaces the job's driver placement, e.g. when the agent id becomes known after launch. */
    void recordDriver(long id, DriverPlacement driver);

    /** Adds {@code gpuSeconds} (0 or more) to the service the job has received. */
    void recordService(long id, double gpuSeconds);

    void recordOutputDirectory(long id, String directory);

    /** GPU-seconds received, summed over each team's jobs (teams without jobs are absent). */
    Map<String, Double> gpuSecondsByTeam();

    /** How many jobs are in each state (every state present, 0 included). */
    Map<JobState, Long> countByState();

    /** The id the Mesos master gave the service's framework, once recorded. */
    Optional<String> frameworkId();

    /** Keeps the framework id, so that a restarted service subscribes as the same framework. */
    void recordFrameworkId(String frameworkId);

    /** Closes the connections; the store cannot be used afterwards. */
    @Override
    void close();
}
