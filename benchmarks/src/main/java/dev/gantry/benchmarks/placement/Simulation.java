package dev.gantry.benchmarks.placement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Replays a job mix through one placer on its own copy of a cluster: each job is one round
 * against the outstanding offers, and what the placer launched is applied before the next job.
 *
 * <p>Offers arrive in a seeded random order per round, as Mesos' allocator shuffles agents; the
 * same seed gives every placer the same order. A gang that a peer places only in part is
 * rolled back (it launches nothing), since only Gantry knows gangs: generous to the peers.
 */
public final class Simulation {
    private final long seed;

    public Simulation(long seed) {
        this.seed = seed;
    }

    public PlacerResult run(SimulatedPlacer placer, Cluster cluster, List<Job> jobs) {
        Resources smallestGpuExecutor = StrandedGpus.smallestGpuExecutor(jobs);
        long[] nanos = new long[jobs.size()];
        int executorsPlaced = 0;
        int executorsRequested = 0;
        int gangsPlaced = 0;
        int gangsRequested = 0;
        int gpusPlaced = 0;
        int overGranted = 0;
        for (int round = 0; round < jobs.size(); round++) {
            Job job = jobs.get(round);
            List<AgentOffer> offers = new ArrayList<>(cluster.offers());
            Collections.shuffle(offers, new Random(seed ^ (job.id() * 0x9E3779B97F4A7C15L)));
            RoundOutcome outcome = placer.place(job, offers);
            nanos[round] = outcome.placerNanos();
            List<ExecutorGrant> grants = outcome.grants();
            int placed = placedCount(grants);
            if (job.gang() && placed < job.executors()) {
                grants = List.of();
                placed = 0;
            }
            cluster.apply(grants);
            executorsRequested += job.executors();
            executorsPlaced += placed;
            gpusPlaced += placedGpus(grants);
            overGranted += StrandedGpus.overGranted(grants);
            if (job.gang()) {
                gangsRequested++;
                if (placed == job.executors()) {
                    gangsPlaced++;
                }
            }
        }
        return new PlacerResult(placer.name(), nanos, executorsPlaced, executorsRequested, gangsPlaced,
                gangsRequested, gpusPlaced, overGranted, StrandedGpus.squatted(cluster, smallestGpuExecutor));
    }

    private static int placedGpus(List<ExecutorGrant> grants) {
        int gpus = 0;
        for (ExecutorGrant grant : grants) {
            if (grant.placed()) {
                gpus += grant.asked().gpus();
            }
        }
        return gpus;
    }

    private static int placedCount(List<ExecutorGrant> grants) {
        int placed = 0;
        for (ExecutorGrant grant : grants) {
            if (grant.placed()) {
                placed++;
            }
        }
        return placed;
    }
}
