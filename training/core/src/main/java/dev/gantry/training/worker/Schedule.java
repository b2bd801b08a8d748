package dev.gantry.training.worker;

import dev.gantry.training.TrainConfig;

/**
 * Which examples each step takes. Every epoch has the same number of steps: as many full local
 * batches as the smallest shard holds, so no worker runs dry and all take part in every step.
 */
public final class Schedule implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final TrainConfig config;
    private final long stepsPerEpoch;
    private final long total;

    /** @param shardSizes examples held by each worker, indexed by rank */
    public Schedule(TrainConfig config, int[] shardSizes) {
        this.config = config;
        long steps = Long.MAX_VALUE;
        long examples = 0;
        for (int w = 0; w < shardSizes.length; w++) {
            examples += shardSizes[w];
            steps = Math.min(steps, shardSizes[w] / config.localBatchSize(w));
        }
        if (steps == 0) {
            throw new IllegalArgumentException("the data has " + examples + " examples over " + shardSizes.length
                    + " workers, too few for one global batch of " + config.globalBatchSize());
        }
        this.stepsPerEpoch = steps;
        long all = steps * config.epochs();
        this.total = config.maxSteps() > 0 ? Math.min(all, config.maxSteps()) : all;
    }

    public long stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Steps in the whole job. */
    public long total() {
        return total;
    }

    /** The epoch (from 0) that step {@code step} (from 0) belongs to. */
    public int epoch(long step) {
        return (int) (step / stepsPerEpoch);
    }

    /** Whether finishing step {@code step} ends an epoch (or the job). */
    public boolean endsEpoch(long step) {
        return (step + 1) % stepsPerEpoch == 0 || step + 1 == total;
    }

    /** Whether a checkpoint is due after step {@code step}. */
    public boolean checkpointDue(long step) {
        boolean due = config.checkpointSteps() > 0 ? (step + 1) % config.checkpointSteps() == 0 : endsEpoch(step);
        return due || step + 1 == total;
    }

    /** Worker {@code rank}'s batch for step {@code step}, from its shard in this epoch's order. */
    public int[] batchRange(long step, int rank) {
        int local = config.localBatchSize(rank);
        return new int[] {(int) (step % stepsPerEpoch) * local, local};
    }

    /** The order worker {@code rank} visits its shard in during {@code epoch}. */
    public int[] order(Shard shard, int epoch, int rank) {
        return shard.order(config.shuffle(), config.seed() * 1_000_003L + epoch * 7919L + rank);
    }
}
