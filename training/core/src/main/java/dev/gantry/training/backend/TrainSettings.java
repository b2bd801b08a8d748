package dev.gantry.training.backend;

import java.io.Serializable;

/**
 * What a replica needs to know to update and run itself: the optimizer, its learning rate, and
 * how many CPU threads the framework may use for one op (0 = the framework's default). Benchmarks
 * pin threads so that one worker and two workers are compared core for core.
 */
public record TrainSettings(Optimizer optimizer, double learningRate, int threads) implements Serializable {
    private static final long serialVersionUID = 1L;

    public TrainSettings {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("training.learningRate must be a positive number, got " + learningRate);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("training.threads must be 0 (framework default) or more, got " + threads);
        }
    }
}
