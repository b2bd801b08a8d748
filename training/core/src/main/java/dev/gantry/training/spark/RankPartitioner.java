package dev.gantry.training.spark;

import org.apache.spark.Partitioner;

/** Sends key {@code k} (a worker's rank) to partition {@code k}: partition i is worker i's shard. */
final class RankPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int workers;

    RankPartitioner(int workers) {
        this.workers = workers;
    }

    @Override
    public int numPartitions() {
        return workers;
    }

    @Override
    public int getPartition(Object key) {
        return ((Integer) key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RankPartitioner p && p.workers == workers;
    }

    @Override
    public int hashCode() {
        return workers;
    }
}
