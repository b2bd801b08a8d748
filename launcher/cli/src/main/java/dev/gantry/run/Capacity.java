package dev.gantry.run;

import dev.gantry.job.JobSpecException;
import dev.gantry.placement.AgentConstraint;
import dev.gantry.placement.Amounts;
import dev.gantry.placement.Candidate;
import dev.gantry.placement.ConstraintShortfall;
import dev.gantry.placement.ExecutorShape;
import dev.gantry.spark.MesosSparkSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a cluster can hold a job's workers at all, judged on what the agents have rather than
 * what is free now: a job that can never fit fails at once with what there is, while one that
 * only has to wait for others to finish waits (up to the gang timeout).
 */
public final class Capacity {
    private Capacity() {}

    /**
     * @param settings the job's settings: each worker's shape and the agents' constraints, as the backend will ask
     * @param memory   the job's {@code resources.memoryPerWorker} as written, for the message
     * @throws JobSpecException naming the field that asks for more than the cluster has
     */
    public static void check(ClusterView cluster, int workers, MesosSparkSettings settings, String memory) {
        ExecutorShape worker = settings.executorShape();
        cluster = admitted(cluster, settings.constraints());
        Amounts largest = Amounts.ZERO;
        int fit = 0;
        for (AgentView agent : cluster.agents()) {
            fit += fits(agent.total(), worker);
            largest = new Amounts(Math.max(largest.cpus(), agent.total().cpus()),
                    Math.max(largest.memMb(), agent.total().memMb()), Math.max(largest.gpus(), agent.total().gpus()));
        }
        String where = " (" + cluster.describe() + ")";
        if (cluster.agents().isEmpty()) {
            throw new JobSpecException("resources.workers: the cluster " + cluster.master() + " has no agents");
        }
        if (worker.gpus() > largest.gpus()) {
            throw new JobSpecException("resources.gpusPerWorker: " + worker.gpus() + " GPUs per worker, but no agent has"
                    + " more than " + largest.gpus() + where);
        }
        if (worker.cpus() > largest.cpus() + 1e-6) {
            throw new JobSpecException("resources.cpusPerWorker: " + Formats.number(worker.cpus()) + " CPUs per worker, but no"
                    + " agent has more than " + Formats.number(largest.cpus()) + where);
        }
        if (worker.memMb() > largest.memMb() + 1e-6) {
            throw new JobSpecException("resources.memoryPerWorker: " + memory + " per worker takes "
                    + Formats.number(worker.memMb()) + " MB with Spark's overhead, but no agent has more than "
                    + Formats.number(largest.memMb()) + " MB" + where);
        }
        if (fit < workers) {
            String field = worker.gpus() > 0 ? "resources: " + workers + " workers x " + worker.gpus() + " GPUs = "
                    + (workers * worker.gpus()) + " GPUs, but the cluster holds " + cluster.totalGpus()
                    : "resources.workers: " + workers + " workers of " + Formats.number(worker.cpus()) + " CPUs and "
                    + Formats.number(worker.memMb()) + " MB";
            throw new JobSpecException(field + "; only " + fit + " worker(s) fit" + where);
        }
    }

    /**
     * Only the agents the job's constraints admit; none at all is bad input, said with the
     * constraint no agent meets and what the agents have instead, rather than a wait for the gang
     * timeout.
     */
    private static ClusterView admitted(ClusterView cluster, List<AgentConstraint> constraints) {
        if (constraints.isEmpty() || cluster.agents().isEmpty()) {
            return cluster;
        }
        List<Candidate> candidates = cluster.agents().stream()
                .map(agent -> Candidate.of(agent.id(), agent.hostname(), agent.attributes(), agent.total(), 0))
                .toList();
        Optional<ConstraintShortfall> shortfall = ConstraintShortfall.of(constraints, candidates);
        if (shortfall.isPresent()) {
            Set<String> seen = new TreeSet<>();
            cluster.agents().forEach(a -> a.attributes().forEach((k, v) -> seen.add(k + ":" + v)));
            throw new JobSpecException("resources.constraints: " + shortfall.get().describe("agent of " + cluster.master())
                    + "; the agents have " + (seen.isEmpty() ? "no attributes" : String.join(", ", seen)));
        }
        List<AgentView> admitted = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (ConstraintShortfall.failures(constraints, candidates.get(i)).isEmpty()) {
                admitted.add(cluster.agents().get(i));
            }
        }
        return new ClusterView(cluster.master(), cluster.embedded(), cluster.gpusSimulated(), admitted);
    }

    /** How many workers of {@code shape} fit in {@code room}. */
    public static int fits(Amounts room, ExecutorShape shape) {
        int n = (int) Math.min(Math.floor(room.cpus() / shape.cpus() + 1e-9), Math.floor(room.memMb() / shape.memMb() + 1e-9));
        return shape.gpus() > 0 ? Math.min(n, room.gpus() / shape.gpus()) : n;
    }
}
