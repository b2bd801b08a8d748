package dev.gantry.benchmarks.placement;

/**
 * The kinds of jobs in a generated mix, each with its executor shape, how many executors it
 * asks for, and how often it occurs. Shapes keep CPUs and memory in proportion to GPUs, as GPU
 * jobs need cores to feed their GPUs.
 */
public enum JobKind {
    /** Model serving or batch inference: many one-GPU executors. */
    INFERENCE(new Resources(4, 32_768, 1), 2, 16, false, 30),
    /** Hyper-parameter tuning: one trial per one-GPU executor. */
    TUNING(new Resources(8, 65_536, 1), 4, 24, false, 15),
    /** Fine-tuning with two GPUs per executor. */
    TWO_GPU(new Resources(16, 131_072, 2), 2, 8, false, 15),
    /** Larger fine-tuning or evaluation with four GPUs per executor. */
    FOUR_GPU(new Resources(24, 196_608, 4), 2, 8, false, 10),
    /** Distributed training: whole eight-GPU machines, every worker at once (a gang). */
    GANG_TRAINING(new Resources(48, 393_216, 8), 2, 16, true, 10),
    /** CPU-only ETL feeding the GPU jobs. */
    ETL(new Resources(8, 32_768, 0), 8, 48, false, 20);

    private final Resources executor;
    private final int minExecutors;
    private final int maxExecutors;
    private final boolean gang;
    private final int weight;

    JobKind(Resources executor, int minExecutors, int maxExecutors, boolean gang, int weight) {
        this.executor = executor;
        this.minExecutors = minExecutors;
        this.maxExecutors = maxExecutors;
        this.gang = gang;
        this.weight = weight;
    }

    public Resources executor() {
        return executor;
    }

    public int minExecutors() {
        return minExecutors;
    }

    public int maxExecutors() {
        return maxExecutors;
    }

    public boolean gang() {
        return gang;
    }

    /** Relative frequency in a mix, in percent. */
    public int weight() {
        return weight;
    }
}
