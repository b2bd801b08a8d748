package dev.gantry.benchmarks.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates a seeded sequence of jobs for a cluster of a given size: three jobs per ten agents,
 * enough to ask for more GPUs than a fragmented cluster has free, so that how a placer packs
 * early jobs decides whether later gangs still fit. The same seed and size always give the
 * same jobs.
 *
 * <p>A quarter of the GPU jobs (two fifths of the gangs) ask for H100 agents through
 * {@code gpu_model:H100}, a tenth of the other GPU jobs for A100 agents.
 */
public final class JobMixGenerator {
    private static final int[] GANG_SIZES = {2, 4, 8, 16};
    private static final int[] GANG_SIZE_WEIGHTS = {40, 30, 20, 10};

    private final long seed;

    public JobMixGenerator(long seed) {
        this.seed = seed;
    }

    /** How many jobs a cluster of {@code agents} agents gets. */
    public static int jobCount(int agents) {
        return Math.max(20, agents * 3 / 10);
    }

    public List<Job> generate(int agents) {
        // A different stream from the cluster's, so that changing one never shifts the other.
        Random random = new Random(seed * 31 + 7);
        int count = jobCount(agents);
        List<Job> jobs = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            JobKind kind = pickKind(random);
            int executors = kind.gang() ? pick(GANG_SIZES, GANG_SIZE_WEIGHTS, random)
                    : kind.minExecutors() + random.nextInt(kind.maxExecutors() - kind.minExecutors() + 1);
            jobs.add(new Job(id, kind, executors, kind.executor(), constraints(kind, random), kind.gang()));
        }
        return jobs;
    }

    private static JobKind pickKind(Random random) {
        int u = random.nextInt(100);
        for (JobKind kind : JobKind.values()) {
            u -= kind.weight();
            if (u < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("job kind weights must add up to 100");
    }

    private static Map<String, String> constraints(JobKind kind, Random random) {
        if (kind.executor().gpus() == 0) {
            return Map.of();
        }
        double u = random.nextDouble();
        if (u < (kind.gang() ? 0.40 : 0.25)) {
            return Map.of("gpu_model", "H100");
        }
        if (!kind.gang() && u < 0.35) {
            return Map.of("gpu_model", "A100");
        }
        return Map.of();
    }

    private static int pick(int[] values, int[] weights, Random random) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int u = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return values[i];
            }
        }
        throw new IllegalStateException("unreachable: weights are positive");
    }
}
