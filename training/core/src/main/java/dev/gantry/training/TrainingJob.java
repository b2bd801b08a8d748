package dev.gantry.training;

import dev.gantry.training.backend.ModelSpec;
import java.io.Serializable;

/**
 * One training job: a name, the framework that computes, the model, how to train, and where the
 * checkpoints, exported model and metrics go.
 *
 * @param framework a {@link dev.gantry.training.backend.TrainingBackend} name: {@code tensorflow} or {@code dl4j}
 * @param output    a directory every worker and the driver can reach (local, or a shared mount)
 */
public record TrainingJob(String name, String framework, ModelSpec model, TrainConfig config, String output)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public TrainingJob {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException("name must be 1-63 letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        if (framework == null || framework.isBlank()) {
            throw new IllegalArgumentException("framework is required (tensorflow or dl4j)");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("output is required");
        }
    }

    /** Where this job's checkpoints live: the newest three under {@code <output>/checkpoints}. */
    public dev.gantry.training.checkpoint.CheckpointStore checkpoints() {
        return new dev.gantry.training.checkpoint.CheckpointStore(java.nio.file.Path.of(output), 3);
    }

    /** What must match for a checkpoint to be resumed by this job. */
    public String identity() {
        return name + " / " + framework + " / " + model + " / batch " + config.globalBatchSize();
    }
}
