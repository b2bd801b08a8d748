package dev.gantry.service.jobs;

import java.util.List;
import java.util.Optional;

/**
 * Where a job's processes can be looked at: each one's sandbox in its agent's file browser (the
 * same {@code /files/browse?path=} Mesos' own web UI uses), and its Spark UI where known.
 *
 * @param sparkUi the web UI URL the job's Spark framework registered with; null when unknown or ended
 */
public record JobPlaces(List<Sandbox> sandboxes, String sparkUi) {
    public static final JobPlaces NONE = new JobPlaces(List.of(), null);

    /**
     * @param process {@code driver} or {@code worker-N}, as log names say
     * @param url     the agent's {@code /files/browse?path=...} of the sandbox
     * @param ended   whether its task has ended (the agent may have removed the sandbox since)
     */
    public record Sandbox(String process, int attempt, String url, boolean ended) {}

    public JobPlaces {
        sandboxes = List.copyOf(sandboxes);
    }

    public Optional<String> sparkUiUrl() {
        return Optional.ofNullable(sparkUi);
    }
}
