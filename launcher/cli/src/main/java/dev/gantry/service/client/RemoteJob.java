package dev.gantry.service.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A job as the service's API shows it (docs/service-api.md). The state is text, not the
 * service's enum: a newer service may know states this client does not.
 *
 * @param events the job's history, oldest first; empty in lists
 */
public record RemoteJob(long id, String name, String team, String user, String state, int priority, int gpus,
        String submittedAt, String startedAt, String finishedAt, int attempts, double gpuSeconds,
        String outputDirectory, Integer exitCode, String error, String url, List<Event> events) {

    public RemoteJob {
        events = events == null ? List.of() : List.copyOf(events);
    }

    public record Event(String at, String from, String to, String reason) {}

    public Instant submitted() {
        return Instant.parse(submittedAt);
    }

    public Optional<Instant> started() {
        return Optional.ofNullable(startedAt).map(Instant::parse);
    }

    public Optional<Instant> finished() {
        return Optional.ofNullable(finishedAt).map(Instant::parse);
    }

    /** COMPLETED, FAILED or CANCELLED: nothing more happens to it. */
    public boolean isFinal() {
        return finishedAt != null;
    }
}
