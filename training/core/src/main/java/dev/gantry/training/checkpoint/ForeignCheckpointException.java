package dev.gantry.training.checkpoint;

/** The output directory holds checkpoints of a different job. */
public class ForeignCheckpointException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ForeignCheckpointException(String message) {
        super(message);
    }
}
