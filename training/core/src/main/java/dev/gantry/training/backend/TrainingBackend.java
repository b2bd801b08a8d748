package dev.gantry.training.backend;

import java.util.List;

/**
 * A deep-learning framework Gantry can train with, found through {@link java.util.ServiceLoader}
 * (file {@code META-INF/services/dev.gantry.training.backend.TrainingBackend}). Implementations
 * live in their own modules, one framework per classpath.
 */
public interface TrainingBackend {

    /** The name jobs use: {@code tensorflow} or {@code dl4j}. */
    String name();

    /**
     * A fresh replica initialised from {@code seed}.
     *
     * @param gpus the CUDA ordinals, as this process numbers them, that the replica may use and
     *             only those; empty means CPU
     */
    WorkerModel create(ModelSpec model, TrainSettings settings, long seed, List<Integer> gpus);
}
