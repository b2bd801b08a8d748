package dev.gantry.service.store;

/**
 * Where a job's driver runs: its Mesos task id (unique among all jobs' drivers) and the id of the
 * agent it was launched on. After a restart the service reconciles these tasks with the master.
 */
public record DriverPlacement(String taskId, String agentId) {
    public DriverPlacement {
        Fields.text("driver task id", taskId, 255);
        Fields.text("driver agent id", agentId, 255);
    }
}
