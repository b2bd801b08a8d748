package dev.gantry.training.backend;

import java.io.Serializable;

/** What a replica needs to know to update itself: the optimizer and its learning rate. */
public record TrainSettings(Optimizer optimizer, double learningRate) implements Serializable {
    private static final long serialVersionUID = 1L;

    public TrainSettings {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("training.learningRate must be a positive number, got " + learningRate);
        }
    }
}
