package dev.gantry.benchmarks.placement;

import dev.gantry.placement.AgentConstraint;
import dev.gantry.placement.Amounts;
import dev.gantry.placement.Candidate;
import dev.gantry.spark.SparkConstraints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Spark 3.5's coarse-grained Mesos offer loop, modelled from its documented behaviour (not from
 * its code): offers that fail {@code spark.mesos.constraints} or come from agents with two
 * executor failures are set aside; then passes go round-robin over the offers in the order
 * they came, launching at most one executor per offer per pass, while an executor's cores and
 * memory fit what is left of the offer and {@code spark.cores.max} allows, until a pass
 * launches nothing.
 *
 * <p>GPUs were never part of that fit test. An executor gets GPUs only through
 * {@code spark.mesos.gpus.max}: it takes all the GPUs left in its offer, up to what the cap
 * still allows, so the first executor on an agent takes them all and later ones get none
 * (SPARK-19320).
 */
public final class SparkOfferLoop {
    /** Agents with this many executor failures get no more executors. */
    public static final int MAX_AGENT_FAILURES = 2;

    /** An offer as Spark sees it: one agent's free resources and attributes. */
    public record Offer(String agentId, String hostname, Map<String, String> attributes, double cpus, double memMb,
                        int gpus) {}

    /**
     * The job's Spark settings: {@code spark.executor.cores}, executor memory with overhead,
     * {@code spark.cores.max}, {@code spark.mesos.gpus.max} and {@code spark.mesos.constraints}.
     */
    public record Conf(double executorCores, double executorMemoryMb, double coresMax, int gpusMax,
                       String constraints) {}

    /** One executor launched on offer {@code offerIndex} with these resources. */
    public record Launch(int offerIndex, double cpus, double memMb, int gpus) {}

    // Mesos keeps three decimals of a scalar; Spark compares them as doubles.
    private static final double EPSILON = 1e-6;

    public List<Launch> launch(List<Offer> offers, Conf conf, Map<String, Integer> failuresPerAgent) {
        List<AgentConstraint> constraints = SparkConstraints.parse(conf.constraints());
        int n = offers.size();
        boolean[] usable = new boolean[n];
        double[] cpusLeft = new double[n];
        double[] memLeft = new double[n];
        int[] gpusLeft = new int[n];
        for (int i = 0; i < n; i++) {
            Offer offer = offers.get(i);
            usable[i] = failuresPerAgent.getOrDefault(offer.agentId(), 0) < MAX_AGENT_FAILURES
                    && meets(constraints, offer);
            cpusLeft[i] = offer.cpus();
            memLeft[i] = offer.memMb();
            gpusLeft[i] = offer.gpus();
        }
        List<Launch> launches = new ArrayList<>();
        double coresAcquired = 0;
        int gpusAcquired = 0;
        boolean launchedInPass = true;
        while (launchedInPass) {
            launchedInPass = false;
            for (int i = 0; i < n; i++) {
                if (!usable[i]) {
                    continue;
                }
                double cpus = conf.executorCores();
                double mem = conf.executorMemoryMb();
                if (cpus > cpusLeft[i] + EPSILON || mem > memLeft[i] + EPSILON
                        || coresAcquired + cpus > conf.coresMax() + EPSILON) {
                    continue;
                }
                int gpus = gpusAcquired < conf.gpusMax() ? Math.min(conf.gpusMax() - gpusAcquired, gpusLeft[i]) : 0;
                cpusLeft[i] -= cpus;
                memLeft[i] -= mem;
                gpusLeft[i] -= gpus;
                coresAcquired += cpus;
                gpusAcquired += gpus;
                launches.add(new Launch(i, cpus, mem, gpus));
                launchedInPass = true;
            }
        }
        return launches;
    }

    private static boolean meets(List<AgentConstraint> constraints, Offer offer) {
        if (constraints.isEmpty()) {
            return true;
        }
        Candidate agent = Candidate.of(offer.agentId(), offer.hostname(), offer.attributes(),
                new Amounts(offer.cpus(), offer.memMb(), offer.gpus()), 0);
        for (AgentConstraint constraint : constraints) {
            if (!constraint.admits(agent)) {
                return false;
            }
        }
        return true;
    }
}
