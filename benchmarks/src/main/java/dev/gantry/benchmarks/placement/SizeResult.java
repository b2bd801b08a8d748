package dev.gantry.benchmarks.placement;

import java.util.List;

/**
 * Every placer's figures on one generated cluster, with what the cluster and its jobs were:
 * GPUs in all, GPUs free at the start, GPUs already stranded at the start (squatted, before any
 * job), and the GPUs, executors and gangs the jobs asked for.
 */
public record SizeResult(int agents, int gpus, int gpusFree, int gpusStrandedAtStart, int jobs, int gpusRequested,
                         List<PlacerResult> placers) {
    public SizeResult {
        placers = List.copyOf(placers);
    }

    public static SizeResult of(Cluster cluster, List<Job> jobs, List<PlacerResult> placers) {
        int gpus = 0;
        int free = 0;
        for (int i = 0; i < cluster.size(); i++) {
            gpus += cluster.agents().get(i).capacity().gpus();
            free += cluster.free(i).gpus();
        }
        int requested = 0;
        for (Job job : jobs) {
            requested += job.total().gpus();
        }
        int stranded = StrandedGpus.squatted(cluster, StrandedGpus.smallestGpuExecutor(jobs));
        return new SizeResult(cluster.size(), gpus, free, stranded, jobs.size(), requested, placers);
    }
}
