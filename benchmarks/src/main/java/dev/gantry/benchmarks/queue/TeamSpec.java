package dev.gantry.benchmarks.queue;

import dev.gantry.queue.TeamShare;

/**
 * A team of the generated workload: its weight and cap as the queue enforces them, and the part of
 * the cluster's offered load its jobs bring (teams do not submit in proportion to their weights).
 */
public record TeamSpec(String name, double weight, int gpuCap, double loadShare) {
    public TeamShare share() {
        return new TeamShare(name, weight, gpuCap);
    }
}
