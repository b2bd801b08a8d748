package dev.gantry.job;

import static dev.gantry.job.SpecChecks.building;
import static dev.gantry.job.SpecChecks.orDefault;

import dev.gantry.training.TrainConfig;
import dev.gantry.training.TrainConfig.SyncMode;
import dev.gantry.training.backend.Optimizer;

/**
 * {@code training}: how to train. Every field is optional; the defaults are
 * {@link TrainConfig#defaults()}'s, so a spec and a program using the training library directly
 * train alike.
 *
 * @param epochs          passes over the data; default 5
 * @param batchSize       examples per step over all workers together (each worker takes its
 *                        share, so the number of workers does not change the mathematics); at
 *                        least {@code resources.workers}; default 64
 * @param learningRate    the optimizer's learning rate; default 0.001
 * @param optimizer       {@code sgd}, {@code momentum} (0.9) or {@code adam}; default adam
 * @param sync            {@code allreduce} (gradients all-reduced over a ring every step) or
 *                        {@code averaging} (parameters averaged every {@code averagingSteps});
 *                        default allreduce
 * @param averagingSteps  with averaging: local steps between two averagings; default 10
 * @param checkpointSteps steps between checkpoints; 0 (default) = at the end of every epoch
 * @param seed            initial weights and shuffling; default 42
 * @param shuffle         shuffle each worker's shard every epoch; default true
 * @param maxSteps        stop after this many steps in total; 0 (default) = no limit
 * @param threads         CPU threads per worker for the framework; 0 (default) = one per CPU the
 *                        worker has ({@code resources.cpusPerWorker})
 * @param stopOnDivergence stop at the first step whose loss is NaN or infinite, export nothing
 *                        and keep the last checkpoint; default true
 */
public record TrainingSection(Integer epochs, Integer batchSize, Double learningRate, Optimizer optimizer,
                              SyncMode sync, Integer averagingSteps, Integer checkpointSteps, Long seed,
                              Boolean shuffle, Long maxSteps, Integer threads, Boolean stopOnDivergence) {

    private static final TrainConfig DEFAULTS = TrainConfig.defaults();

    public TrainingSection {
        epochs = orDefault(epochs, DEFAULTS.epochs());
        batchSize = orDefault(batchSize, DEFAULTS.globalBatchSize());
        learningRate = orDefault(learningRate, DEFAULTS.learningRate());
        optimizer = orDefault(optimizer, DEFAULTS.optimizer());
        sync = orDefault(sync, DEFAULTS.sync());
        averagingSteps = orDefault(averagingSteps, DEFAULTS.averagingSteps());
        checkpointSteps = orDefault(checkpointSteps, DEFAULTS.checkpointSteps());
        seed = orDefault(seed, DEFAULTS.seed());
        shuffle = orDefault(shuffle, DEFAULTS.shuffle());
        maxSteps = orDefault(maxSteps, DEFAULTS.maxSteps());
        threads = orDefault(threads, DEFAULTS.threads());
        stopOnDivergence = orDefault(stopOnDivergence, DEFAULTS.stopOnDivergence());
        // TrainConfig's own checks; the batch against the workers is the whole spec's to check.
        trainConfig(epochs, batchSize, learningRate, optimizer, 1, sync, averagingSteps, checkpointSteps, seed,
                shuffle, maxSteps, threads, stopOnDivergence);
    }

    /** All defaults. */
    public static TrainingSection defaults() {
        return new TrainingSection(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public TrainConfig toTrainConfig(int workers) {
        return trainConfig(epochs, batchSize, learningRate, optimizer, workers, sync, averagingSteps, checkpointSteps,
                seed, shuffle, maxSteps, threads, stopOnDivergence);
    }

    // Static: a compact constructor's checks run before its fields are assigned.
    private static TrainConfig trainConfig(int epochs, int batchSize, double learningRate, Optimizer optimizer,
                                           int workers, SyncMode sync, int averagingSteps, int checkpointSteps,
                                           long seed, boolean shuffle, long maxSteps, int threads,
                                           boolean stopOnDivergence) {
        return building(() -> new TrainConfig(epochs, batchSize, learningRate, optimizer, workers, sync,
                averagingSteps, checkpointSteps, seed, shuffle, maxSteps, threads, stopOnDivergence));
    }
}
