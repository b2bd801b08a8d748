package dev.gantry.benchmarks.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-built clusters and jobs for tests. */
final class TinyClusters {
    private TinyClusters() {}

    static Agent agent(int index, AgentType type) {
        String id = String.format("agent-%05d", index);
        return new Agent(id, id + ".example", type, type.gpuAttributes(), type.capacity());
    }

    /** A cluster of agents of the given types, each with {@code free} free (clipped to its capacity). */
    static Cluster cluster(List<AgentType> types, List<Resources> free) {
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            agents.add(agent(i, types.get(i)));
        }
        return new Cluster(agents, free);
    }

    static Job job(int id, JobKind kind, int executors) {
        return new Job(id, kind, executors, kind.executor(), Map.of(), kind.gang());
    }
}
