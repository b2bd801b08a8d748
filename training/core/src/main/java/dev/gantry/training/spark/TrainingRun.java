package dev.gantry.training.spark;

import dev.gantry.training.worker.EpochMetrics;
import dev.gantry.training.worker.WorkerStats;
import java.nio.file.Path;
import java.util.List;

/**
 * A finished training run as the driver sees it.
 *
 * @param resumedFromStep the checkpoint step it continued from, 0 for a fresh start
 * @param model           the final parameters and optimizer state in the backend's checkpoint format
 * @param exported        the framework-format model (SavedModel directory, DL4J zip directory)
 * @param metrics         {@code metrics.json}
 * @param workerStats     each worker's placement and throughput by rank; empty in averaging mode,
 *                        whose rounds run as ordinary tasks that a worker does not own
 */
public record TrainingRun(int workers, long resumedFromStep, long steps, List<EpochMetrics> epochs, byte[] model,
                          Path exported, Path metrics, List<WorkerStats> workerStats) {

    public EpochMetrics last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }
}
