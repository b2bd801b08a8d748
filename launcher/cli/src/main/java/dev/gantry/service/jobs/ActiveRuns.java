package dev.gantry.service.jobs;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the dispatcher knows of jobs beyond the store, and may forget on a restart without harm:
 * where the queue planned each started job's workers (what the job's GPUs are counted against until
 * its executors show up in the master's state), when its current run began (its GPU service so
 * far), and the time before which a failed job may not be launched again (its backoff). After a
 * restart a running job's plan is rebuilt from the cluster, its run counted from the restart, and
 * backoffs are over.
 *
 * <p>Used by the dispatcher's thread only.
 */
final class ActiveRuns {
    private final Map<Long, Map<String, Integer>> plans = new HashMap<>();
    private final Map<Long, Instant> runStarts = new HashMap<>();
    private final Map<Long, Instant> notBefore = new HashMap<>();

    void planned(long job, Map<String, Integer> workersPerAgent) {
        plans.put(job, Map.copyOf(workersPerAgent));
    }

    Optional<Map<String, Integer>> plan(long job) {
        return Optional.ofNullable(plans.get(job));
    }

    void running(long job, Instant since) {
        runStarts.putIfAbsent(job, since);
    }

    Optional<Instant> runStart(long job) {
        return Optional.ofNullable(runStarts.get(job));
    }

    /** The run ended: forgets its plan and start, and gives its length. */
    Optional<Instant> ended(long job) {
        plans.remove(job);
        return Optional.ofNullable(runStarts.remove(job));
    }

    void backOff(long job, Instant until) {
        notBefore.put(job, until);
    }

    boolean mayLaunch(long job, Instant now) {
        Instant until = notBefore.get(job);
        if (until == null) {
            return true;
        }
        if (!now.isBefore(until)) {
            notBefore.remove(job);
            return true;
        }
        return false;
    }

    Optional<Instant> backoffUntil(long job) {
        return Optional.ofNullable(notBefore.get(job));
    }
}
