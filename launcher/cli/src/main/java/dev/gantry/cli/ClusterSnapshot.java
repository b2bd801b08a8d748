package dev.gantry.cli;

import dev.gantry.mesos.MasterState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@code gantry status} shows of a master's {@code /master/state}: the jobs (its
 * frameworks, removed ones excluded) and a summary of the agents and their GPUs.
 */
record ClusterSnapshot(String version, boolean embedded, int agents, double gpus, double gpusUsed,
                       boolean gpusSimulated, List<Job> jobs) {
    /** A framework as a job: Spark names it after the application. */
    record Job(String name, String frameworkId, String state, int tasksRunning, double cpus, double memMb,
               double gpus, Instant registered, Duration uptime, String webUiUrl) {}

    double gpusFree() {
        return Math.max(0, gpus - gpusUsed);
    }

    /**
     * @param now to tell each job's uptime by
     * @throws IllegalArgumentException when {@code json} is not a master's state
     */
    static ClusterSnapshot parse(String json, Instant now) {
        MasterState state = MasterState.parse(json);
        double gpus = 0;
        double gpusUsed = 0;
        boolean simulated = false;
        for (MasterState.Agent agent : state.agents()) {
            gpus += agent.total().gpus();
            gpusUsed += agent.used().gpus();
            simulated |= agent.gpusSimulated();
        }
        List<Job> jobs = state.frameworks().stream().map(framework -> job(framework, now)).toList();
        return new ClusterSnapshot(state.version(), state.embedded(), state.agents().size(), gpus, gpusUsed, simulated,
                jobs);
    }

    private static Job job(MasterState.Framework framework, Instant now) {
        int running = (int) framework.tasks().stream().filter(task -> task.state().equals("TASK_RUNNING")).count();
        Instant registered = framework.registered();
        Duration uptime = registered == null || registered.isAfter(now) ? Duration.ZERO : Duration.between(registered, now);
        MasterState.Resources used = framework.used();
        return new Job(framework.name(), framework.id(), state(framework), running, used.cpus(), used.memMb(),
                used.gpus(), registered, uptime, framework.webUiUrl());
    }

    /**
     * Mesos' words: a framework is disconnected while its scheduler is away (within its failover
     * timeout, or not yet back after a master failover), inactive when connected but deactivated,
     * else active.
     */
    private static String state(MasterState.Framework framework) {
        if (!framework.connected() || framework.recovered()) {
            return "disconnected";
        }
        return framework.active() ? "active" : "inactive";
    }
}
