package dev.gantry.cli;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;

/**
 * How many agents an embedded cluster has and what each holds, as the {@code --agents --cpus
 * --mem --gpus} options of the commands that start one say it. Commands keep their own options
 * (their defaults differ) and share the checks and the building here.
 */
record EmbeddedClusterShape(int agents, double cpus, double memMb, int gpus) {
    EmbeddedClusterShape {
        if (agents < 1) {
            throw new IllegalArgumentException("--agents must be at least 1, not " + agents);
        }
        if (!(cpus > 0)) {
            throw new IllegalArgumentException("--cpus must be positive, not " + cpus);
        }
        if (!(memMb > 0)) {
            throw new IllegalArgumentException("--mem must be positive, not " + memMb);
        }
        if (gpus < 0) {
            throw new IllegalArgumentException("--gpus cannot be negative: " + gpus);
        }
    }

    /** One agent of this shape, for a command to add attributes or reservations to. */
    AgentSpec.Builder agent() {
        return AgentSpec.builder().cpus(cpus).memMb(memMb).gpus(gpus);
    }

    /** A cluster of {@link #agents} copies of {@code agent}, for a command to set address and timings on. */
    ClusterSpec.Builder cluster(AgentSpec agent) {
        return ClusterSpec.builder().agents(agents, agent);
    }

    /** A cluster of plain agents of this shape on a free loopback port. */
    ClusterSpec onFreeLoopbackPort() {
        return cluster(agent().build()).host("127.0.0.1").port(0).build();
    }

    String describe() {
        return agents + " agent(s) of " + format(cpus) + " CPUs, " + format(memMb) + " MB and " + gpus + " GPU(s)";
    }

    private static String format(double amount) {
        return amount == Math.rint(amount) ? String.valueOf((long) amount) : String.valueOf(amount);
    }
}
