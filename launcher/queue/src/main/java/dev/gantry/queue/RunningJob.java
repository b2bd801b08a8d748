package dev.gantry.queue;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A job whose workers hold resources: where they run, since when, and whether the service has
 * already asked it to checkpoint and stop ({@code stopping}); a stopping job still holds its
 * resources until it is gone.
 *
 * @param workersPerAgent the job's workers on each agent; they add up to the job's workers
 */
public record RunningJob(QueuedJob job, long startedMillis, Map<String, Integer> workersPerAgent, boolean stopping) {
    public RunningJob {
        Objects.requireNonNull(job, "job");
        // Sorted, so that whatever walks it does so in the same order every time.
        workersPerAgent = Collections.unmodifiableSortedMap(new TreeMap<>(workersPerAgent));
        int sum = 0;
        for (int count : workersPerAgent.values()) {
            if (count <= 0) {
                throw new IllegalArgumentException("job " + job.id() + ": worker counts per agent must be positive");
            }
            sum += count;
        }
        if (sum != job.workers()) {
            throw new IllegalArgumentException("job " + job.id() + " has " + job.workers() + " workers, but "
                    + sum + " are placed");
        }
    }

    public static RunningJob of(QueuedJob job, long startedMillis, Map<String, Integer> workersPerAgent) {
        return new RunningJob(job, startedMillis, workersPerAgent, false);
    }

    public RunningJob asStopping() {
        return new RunningJob(job, startedMillis, workersPerAgent, true);
    }

    public String id() {
        return job.id();
    }

    /** GPU service attained by {@code nowMillis}: before this run, plus this run's GPUs times its time so far. */
    public double attainedGpuSeconds(long nowMillis) {
        return job.attainedGpuSeconds() + job.gpus() * Math.max(0, nowMillis - startedMillis) / 1000.0;
    }
}
