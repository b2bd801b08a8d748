package dev.gantry.service.jobs;

import dev.gantry.service.drivers.DriverUpdate;
import dev.gantry.service.drivers.SupervisionPolicy;
import dev.gantry.service.store.DriverPlacement;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobEvent;
import dev.gantry.service.store.JobResult;
import dev.gantry.service.store.JobState;
import dev.gantry.service.store.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a driver's update does to its job:
 * <ul>
 * <li>RUNNING: a starting job runs (or a re-attached one is confirmed); its agent is recorded.</li>
 * <li>FINISHED: the job COMPLETED, whatever was asked of it meanwhile (it got there first).</li>
 * <li>Any other end: a preempted job is PREEMPTED (it resumes from its checkpoint when the queue
 *     says), a cancelled one CANCELLED; a failure of a starting or running job is relaunched with
 *     backoff when the {@link SupervisionPolicy} says a retry can fix it, else the job FAILED with
 *     the driver's reason.</li>
 * </ul>
 * A run's GPU service is added to the job's account when the run ends. Updates of an earlier
 * attempt, or of tasks the store does not know, change no job; an unknown task still running is
 * killed (a driver of a job that no longer exists holds GPUs for nothing).
 */
final class DriverUpdateRules {
    private static final Logger LOG = LoggerFactory.getLogger(DriverUpdateRules.class);

    private final JobStore store;
    private final SupervisionPolicy supervision;
    private final Clock clock;

    DriverUpdateRules(JobStore store, SupervisionPolicy supervision, Clock clock) {
        this.store = store;
        this.supervision = supervision;
        this.clock = clock;
    }

    void apply(DriverUpdate update, Consumer<String> kill, ActiveRuns runs) {
        Optional<Job> found = store.findByDriverTask(update.taskId());
        if (found.isEmpty()) {
            if (!update.terminal()) {
                LOG.warn("driver task {} belongs to no job the store knows; killing it", update.taskId());
                kill.accept(update.taskId());
            }
            return;
        }
        Job job = found.get();
        Instant now = clock.instant();
        if (update.running()) {
            running(job, update, runs, now);
        } else if (update.terminal()) {
            ended(job, update, runs, now);
        }
    }

    private void running(Job job, DriverUpdate update, ActiveRuns runs, Instant now) {
        if (job.state() == JobState.STARTING) {
            store.transition(job.id(), JobState.STARTING, JobState.RUNNING, now, update.fromReconciliation()
                    ? "driver " + update.taskId() + " re-attached" : "driver " + update.taskId() + " runs");
        }
        if (job.state().hasDriver()) {
            runs.running(job.id(), now);
            update.agentId().filter(agent -> !job.driverPlacement().flatMap(DriverPlacement::agent)
                    .filter(agent::equals).isPresent())
                    .ifPresent(agent -> store.recordDriver(job.id(), new DriverPlacement(update.taskId(), agent)));
        }
    }

    private void ended(Job job, DriverUpdate update, ActiveRuns runs, Instant now) {
        if (!job.state().hasDriver()) {
            return; // already settled: a resent update, or the end of a superseded attempt
        }
        runs.ended(job.id()).ifPresent(start -> {
            double served = QueueStates.service(job.gpus(), start, now);
            if (served > 0) {
                store.recordService(job.id(), served);
            }
        });
        long id = job.id();
        JobState state = job.state();
        if (update.state() == TaskState.TASK_FINISHED) {
            store.finish(id, state, JobState.COMPLETED, JobResult.exited(0), now, "driver " + update.taskId()
                    + " finished");
            return;
        }
        JobResult result = JobResult.failed(update.exitCode().isPresent() ? update.exitCode().getAsInt() : null,
                update.state() + (update.message().isEmpty() ? "" : ": " + update.message()));
        switch (state) {
            case PREEMPTING -> store.transition(id, state, JobState.PREEMPTED, now, "driver " + update.taskId()
                    + " stopped after its checkpoint; the job resumes from it when the queue says");
            case CANCELLING -> store.finish(id, state, JobState.CANCELLED, result, now, "driver " + update.taskId()
                    + " stopped");
            default -> failed(job, update, result, runs, now);
        }
    }

    private void failed(Job job, DriverUpdate update, JobResult result, ActiveRuns runs, Instant now) {
        if (!update.failed()) {
            store.finish(job.id(), job.state(), JobState.FAILED, result, now, "driver " + update.taskId()
                    + " was killed");
            return;
        }
        SupervisionPolicy.Decision decision = supervision.decide(update.failure(), failures(job) + 1);
        if (decision instanceof SupervisionPolicy.Relaunch relaunch) {
            store.transition(job.id(), job.state(), JobState.QUEUED, now, "driver " + update.taskId() + " failed ("
                    + update.failure() + ": " + result.error() + "); relaunched after " + relaunch.delay().toSeconds()
                    + " s, resuming from its checkpoint");
            runs.backOff(job.id(), now.plus(relaunch.delay()));
        } else {
            store.finish(job.id(), job.state(), JobState.FAILED, result, now,
                    ((SupervisionPolicy.GiveUp) decision).reason());
        }
    }

    /** How many of the job's drivers failed before and were relaunched: its moves back to QUEUED. */
    private int failures(Job job) {
        int failures = 0;
        for (JobEvent event : store.events(job.id())) {
            if (event.to() == JobState.QUEUED && event.from() != null) {
                failures++;
            }
        }
        return failures;
    }
}
