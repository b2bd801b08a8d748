package dev.gantry.service.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One change of a job's state: when, from what (absent for the submission), to what, and why.
 *
 * @param id increases with every event of the store, so it orders a job's history
 */
public record JobEvent(long id, long jobId, Instant at, JobState from, JobState to, String reason) {
    public Optional<JobState> fromState() {
        return Optional.ofNullable(from);
    }
}
