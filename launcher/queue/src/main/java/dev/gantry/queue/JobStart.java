package dev.gantry.queue;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A job to start now, whole: all its workers fit at once on the agents named, as placement's
 * {@link dev.gantry.placement.Placer} placed them on what was free.
 *
 * @param workersPerAgent the gang's workers on each agent, by agent id
 * @param backfilled      whether a job earlier in the policy's order waits for room while this one starts
 */
public record JobStart(QueuedJob job, Map<String, Integer> workersPerAgent, boolean backfilled) {
    public JobStart {
        Objects.requireNonNull(job, "job");
        workersPerAgent = Collections.unmodifiableSortedMap(new TreeMap<>(workersPerAgent));
        int sum = 0;
        for (int count : workersPerAgent.values()) {
            sum += count;
        }
        if (sum != job.workers()) {
            throw new IllegalArgumentException("a start places all of job " + job.id() + "'s " + job.workers()
                    + " workers or none, not " + sum);
        }
    }
}
