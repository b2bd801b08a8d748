package dev.gantry.benchmarks.placement;

/**
 * One executor a placer launched: on which agent, with what, and what the job asked for. An
 * executor counts as placed only with at least the resources asked; Spark 3.5 can launch one
 * with fewer GPUs than asked (none), which then holds CPUs and memory without doing the job's
 * GPU work.
 */
public record ExecutorGrant(int agentIndex, Resources granted, Resources asked) {
    public boolean placed() {
        return granted.holds(asked);
    }

    /** GPUs granted beyond the ask: on Spark 3.5, the first executor on an agent takes all of them. */
    public int overGrantedGpus() {
        return Math.max(0, granted.gpus() - asked.gpus());
    }
}
