package dev.gantry.benchmarks.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates a cluster of GPU and CPU-only agents, already fragmented by earlier jobs: each
 * agent has a seeded share of its GPUs, CPUs and memory in use. The same seed and size always
 * give the same cluster.
 *
 * <p>Fragmentation follows what a busy shared cluster looks like: a quarter of the GPU agents
 * idle, almost half partly used (CPUs and memory in rough proportion to the GPUs in use), some
 * fully used, and some whose CPUs are nearly all taken by CPU work while GPUs sit free on them.
 */
public final class ClusterGenerator {
    private static final int RACK_SIZE = 40;
    private static final double MEM_STEP_MB = 1024;

    private final long seed;

    public ClusterGenerator(long seed) {
        this.seed = seed;
    }

    public Cluster generate(int agentCount) {
        if (agentCount <= 0) {
            throw new IllegalArgumentException("a cluster needs agents");
        }
        Random random = new Random(seed);
        List<Agent> agents = new ArrayList<>(agentCount);
        List<Resources> free = new ArrayList<>(agentCount);
        for (int i = 0; i < agentCount; i++) {
            AgentType type = pickType(random);
            Agent agent = agent(i, type);
            agents.add(agent);
            free.add(agent.capacity().minus(inUse(type, random)));
        }
        return new Cluster(agents, free);
    }

    private static AgentType pickType(Random random) {
        double u = random.nextDouble();
        if (u < 0.45) {
            return AgentType.H100;
        }
        return u < 0.85 ? AgentType.A100 : AgentType.CPU_ONLY;
    }

    private static Agent agent(int index, AgentType type) {
        String number = String.format("%05d", index);
        Map<String, String> attributes = new HashMap<>(type.gpuAttributes());
        attributes.put("rack", "rack-" + index / RACK_SIZE);
        String hostname = (type.hasGpus() ? "gpu-" + type.name().toLowerCase() : "cpu") + '-' + number
                + ".cluster.internal";
        return new Agent("agent-" + number, hostname, type, attributes, type.capacity());
    }

    /** What earlier jobs hold on an agent of {@code type}. */
    private static Resources inUse(AgentType type, Random random) {
        Resources capacity = type.capacity();
        if (!type.hasGpus()) {
            return used(capacity, 0, 0.9 * random.nextDouble(), 0.9 * random.nextDouble());
        }
        double u = random.nextDouble();
        if (u < 0.25) {
            return Resources.NONE;
        }
        if (u < 0.70) {
            int gpus = 1 + random.nextInt(capacity.gpus() - 1);
            double share = (double) gpus / capacity.gpus();
            return used(capacity, gpus, share * (0.7 + 0.5 * random.nextDouble()),
                    share * (0.6 + 0.6 * random.nextDouble()));
        }
        if (u < 0.85) {
            return used(capacity, capacity.gpus(), 0.6 + 0.4 * random.nextDouble(), 0.5 + 0.5 * random.nextDouble());
        }
        // CPU work squatting on a GPU agent: few GPUs in use, almost no cores left.
        return used(capacity, random.nextInt(5), 0.97 + 0.03 * random.nextDouble(),
                0.4 + 0.55 * random.nextDouble());
    }

    private static Resources used(Resources capacity, int gpus, double cpuShare, double memShare) {
        double cpus = Math.floor(capacity.cpus() * Math.min(1, cpuShare));
        double mem = Math.floor(capacity.memMb() * Math.min(1, memShare) / MEM_STEP_MB) * MEM_STEP_MB;
        return new Resources(cpus, mem, gpus);
    }
}
