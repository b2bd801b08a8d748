package dev.gantry.benchmarks.placement;

import java.util.List;

/**
 * GPUs stranded at the end of a run: GPUs no GPU executor of the mix can use.
 *
 * <p>Two kinds count. <b>Over-granted</b>: GPUs given to executors beyond what they asked for
 * (Spark 3.5's first executor on an agent takes all of the offer's GPUs); the executor holds them
 * and its tasks never use them. <b>Squatted</b>: GPUs still free on agents whose free CPUs or
 * free memory are below those of the smallest GPU executor of the mix (the least CPUs and the
 * least memory any GPU executor of the mix asks for, taken separately), typically because CPU
 * work took the cores around them. Executors launched with fewer GPUs than they asked for are
 * not placed, and their GPUs count as in use, not as stranded.
 */
public final class StrandedGpus {
    private StrandedGpus() {}

    public static int overGranted(List<ExecutorGrant> grants) {
        int gpus = 0;
        for (ExecutorGrant grant : grants) {
            gpus += grant.overGrantedGpus();
        }
        return gpus;
    }

    /** Free GPUs on agents that cannot hold {@code smallestGpuExecutor}'s CPUs or memory. */
    public static int squatted(Cluster cluster, Resources smallestGpuExecutor) {
        int gpus = 0;
        for (int i = 0; i < cluster.size(); i++) {
            Resources free = cluster.free(i);
            boolean noRoom = !new Resources(free.cpus(), free.memMb(), 0)
                    .holds(new Resources(smallestGpuExecutor.cpus(), smallestGpuExecutor.memMb(), 0));
            if (free.gpus() > 0 && noRoom) {
                gpus += free.gpus();
            }
        }
        return gpus;
    }

    /**
     * The least CPUs and the least memory any GPU executor of {@code jobs} asks for, with one GPU.
     *
     * @throws IllegalArgumentException if no job uses GPUs
     */
    public static Resources smallestGpuExecutor(List<Job> jobs) {
        double cpus = Double.POSITIVE_INFINITY;
        double mem = Double.POSITIVE_INFINITY;
        for (Job job : jobs) {
            if (job.usesGpus()) {
                cpus = Math.min(cpus, job.executor().cpus());
                mem = Math.min(mem, job.executor().memMb());
            }
        }
        if (Double.isInfinite(cpus)) {
            throw new IllegalArgumentException("no job of the mix uses GPUs");
        }
        return new Resources(cpus, mem, 1);
    }
}
