package dev.gantry.training;

import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.TrainSettings;
import java.io.Serializable;

/**
 * How to train, independent of the framework and of where workers run.
 *
 * @param epochs            passes over the data
 * @param globalBatchSize   examples per step over all workers together; each worker takes its
 *                          share, so changing {@code workers} does not change the mathematics
 * @param learningRate      the optimizer's learning rate
 * @param optimizer         the update rule
 * @param workers           training replicas, one Spark barrier task each
 * @param sync              how replicas agree
 * @param averagingSteps    with {@link SyncMode#AVERAGING}: local steps between two averagings
 * @param checkpointSteps   steps between checkpoints; 0 = at the end of every epoch
 * @param seed              initial weights and shuffling
 * @param shuffle           shuffle each worker's shard every epoch (seeded)
 * @param maxSteps          stop after this many steps in total; 0 = no limit
 * @param threads           CPU threads per worker for the framework; 0 = its default
 * @param stopOnDivergence  stop the job at the first step whose loss is NaN or infinite, exporting
 *                          nothing and keeping the last checkpoint; off, training goes on regardless
 */
public record TrainConfig(int epochs, int globalBatchSize, double learningRate, Optimizer optimizer,
                          int workers, SyncMode sync, int averagingSteps, int checkpointSteps,
                          long seed, boolean shuffle, long maxSteps, int threads, boolean stopOnDivergence)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public enum SyncMode {
        /** Every step, gradients are all-reduced over a TCP ring before an identical update. */
        ALLREDUCE,
        /** Each worker takes {@code averagingSteps} local steps, then Spark averages the parameters. */
        AVERAGING
    }

    public TrainConfig {
        require(epochs >= 1, "training.epochs must be at least 1, got " + epochs);
        require(workers >= 1, "resources.workers must be at least 1, got " + workers);
        require(globalBatchSize >= workers, "training.batchSize must be at least the number of workers ("
                + workers + "), got " + globalBatchSize);
        require(averagingSteps >= 1, "training.averagingSteps must be at least 1, got " + averagingSteps);
        require(checkpointSteps >= 0, "training.checkpointSteps must be 0 (every epoch) or more, got " + checkpointSteps);
        require(maxSteps >= 0, "training.maxSteps must be 0 (no limit) or more, got " + maxSteps);
        require(optimizer != null, "training.optimizer is required");
        require(sync != null, "training.sync is required");
        new TrainSettings(optimizer, learningRate, threads); // validates learning rate and threads
    }

    /** Sensible defaults: 5 epochs of batch 64, Adam at 0.001, one worker, all-reduce, checkpoint every epoch. */
    public static TrainConfig defaults() {
        return new TrainConfig(5, 64, 0.001, Optimizer.ADAM, 1, SyncMode.ALLREDUCE, 10, 0, 42L, true, 0, 0, true);
    }

    public TrainSettings settings() {
        return new TrainSettings(optimizer, learningRate, threads);
    }

    /** Examples worker {@code rank} takes per step: the global batch split as evenly as possible. */
    public int localBatchSize(int rank) {
        return globalBatchSize / workers + (rank < globalBatchSize % workers ? 1 : 0);
    }

    public TrainConfig withEpochs(int value) {
        return new TrainConfig(value, globalBatchSize, learningRate, optimizer, workers, sync, averagingSteps,
                checkpointSteps, seed, shuffle, maxSteps, threads, stopOnDivergence);
    }

    public TrainConfig withBatch(int value) {
        return new TrainConfig(epochs, value, learningRate, optimizer, workers, sync, averagingSteps,
                checkpointSteps, seed, shuffle, maxSteps, threads, stopOnDivergence);
    }

    public TrainConfig withLearningRate(double value) {
        return new TrainConfig(epochs, globalBatchSize, value, optimizer, workers, sync, averagingSteps,
                checkpointSteps, seed, shuffle, maxSteps, threads, stopOnDivergence);
    }

    public TrainConfig withOptimizer(Optimizer value) {
        return new TrainConfig(epochs, globalBatchSize, learningRate, value, workers, sync, averagingSteps,
                checkpointSteps, seed, shuffle, maxSteps, threads, stopOnDivergence);
    }

    public TrainConfig withWorkers(int value) {
        return new TrainConfig(epochs, globalBatchSize, learningRate, optimizer, value, sync, averagingSteps,
                checkpointSteps, seed, shuffle, maxSteps, threads, stopOnDivergence);
    }

    public TrainConfig withSync(SyncMode value, int everySteps) {
        return new TrainConfig(epochs, globalBatchSize, learningRate, optimizer, workers, value, everySteps,
                checkpointSteps, seed, shuffle, maxSteps, threads, stopOnDivergence);
    }

    public TrainConfig withCheckpointSteps(int value) {
        return new TrainConfig(epochs, globalBatchSize, learningRate, optimizer, workers, sync, averagingSteps,
                value, seed, shuffle, maxSteps, threads, stopOnDivergence);
    }

    public TrainConfig withSeed(long value) {
        return new TrainConfig(epochs, globalBatchSize, learningRate, optimizer, workers, sync, averagingSteps,
                checkpointSteps, value, shuffle, maxSteps, threads, stopOnDivergence);
    }

    public TrainConfig withShuffle(boolean value) {
        return new TrainConfig(epochs, globalBatchSize, learningRate, optimizer, workers, sync, averagingSteps,
                checkpointSteps, seed, value, maxSteps, threads, stopOnDivergence);
    }

    public TrainConfig withMaxSteps(long value) {
        return new TrainConfig(epochs, globalBatchSize, learningRate, optimizer, workers, sync, averagingSteps,
                checkpointSteps, seed, shuffle, value, threads, stopOnDivergence);
    }

    public TrainConfig withThreads(int value) {
        return new TrainConfig(epochs, globalBatchSize, learningRate, optimizer, workers, sync, averagingSteps,
                checkpointSteps, seed, shuffle, maxSteps, value, stopOnDivergence);
    }

    public TrainConfig withStopOnDivergence(boolean value) {
        return new TrainConfig(epochs, globalBatchSize, learningRate, optimizer, workers, sync, averagingSteps,
                checkpointSteps, seed, shuffle, maxSteps, threads, value);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
