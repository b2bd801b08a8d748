package dev.gantry.service.jobs;

import dev.gantry.job.JobSpec;
import dev.gantry.placement.AgentConstraint;
import dev.gantry.placement.ExecutorShape;
import java.util.List;
import java.util.Objects;

/**
 * A submitted spec read once and checked, with what the queue needs of it: the gang's size, each
 * worker's shape and the agents its constraints admit.
 *
 * @param specText the spec as submitted, which the driver runs
 */
public record CheckedJob(String specText, JobSpec spec, int workers, ExecutorShape worker,
                         List<AgentConstraint> constraints) {
    public CheckedJob {
        Objects.requireNonNull(specText, "specText");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(worker, "worker");
        constraints = List.copyOf(constraints);
    }

    public String name() {
        return spec.name();
    }

    public int gpus() {
        return workers * worker.gpus();
    }
}
