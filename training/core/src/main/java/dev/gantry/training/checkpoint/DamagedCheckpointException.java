package dev.gantry.training.checkpoint;

/** Checkpoints exist, but none of them matches its manifest: resuming would train on garbage. */
public class DamagedCheckpointException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public DamagedCheckpointException(String message) {
        super(message);
    }
}
