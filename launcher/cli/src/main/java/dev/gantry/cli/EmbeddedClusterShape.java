package dev.gantry.cli;

import dev.gantry.job.JobSpecException;
import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.placement.ExecutorShape;

/**
 * How many agents an embedded cluster has and what each holds, as the {@code --agents --cpus
 * --mem --gpus} options of the commands that start one say it ({@link EmbeddedClusterOptions}):
 * the checks and the building shared by every such command.
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

    /**
     * The embedded cluster a job gets unless told otherwise: two agents (one for a single worker)
     * that together just hold its workers, so a newcomer's job fits and two workers show placement
     * across agents. Each given option replaces its part.
     *
     * @param worker one worker's executor as the backend will ask for it (the job's settings')
     */
    static EmbeddedClusterShape forJob(int workers, ExecutorShape worker, Integer agents, Integer gpus, Double cpus,
                                       Double memMb) {
        int n = agents != null ? agents : Math.min(2, workers);
        try {
            if (n < 1) {
                // Checked before the share per agent is divided out, which it would fail on.
                throw new IllegalArgumentException("--agents must be at least 1, not " + n);
            }
            int perAgent = (workers + n - 1) / n;
            return new EmbeddedClusterShape(n,
                    cpus != null ? cpus : Math.max(1, perAgent * worker.cpus()),
                    memMb != null ? memMb : Math.ceil(perAgent * worker.memMb()),
                    gpus != null ? gpus : perAgent * worker.gpus());
        } catch (IllegalArgumentException e) {
            throw new JobSpecException(e.getMessage());
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
