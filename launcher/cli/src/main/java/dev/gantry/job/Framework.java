package dev.gantry.job;

import java.util.Locale;

/** The framework that computes a job's training steps; each is one backend module. */
public enum Framework {
    TENSORFLOW,
    DL4J;

    /** The backend's name as {@link dev.gantry.training.backend.TrainingBackend} knows it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
