package dev.gantry.service.store;

import java.util.Optional;

/**
 * Where a job's driver runs: its Mesos task id (unique among all jobs' drivers) and the id of the
 * agent it runs on, which is known only once an offer was taken for it (null before). After a
 * restart the service reconciles these tasks with the master.
 */
public record DriverPlacement(String taskId, String agentId) {
    public DriverPlacement {
        Fields.text("driver task id", taskId, 255);
        if (agentId != null) {
            Fields.text("driver agent id", agentId, 255);
        }
    }

    /** A driver launched and waiting for an offer: no agent yet. */
    public static DriverPlacement launched(String taskId) {
        return new DriverPlacement(taskId, null);
    }

    public Optional<String> agent() {
        return Optional.ofNullable(agentId);
    }
}
