package dev.gantry.training.spark;

/**
 * Training stopped before its end because it was asked to ({@link StopRequest}): every worker
 * stopped after the same step, and the message says which checkpoint of that step is kept.
 * Nothing failed; the same job resumes from that checkpoint.
 */
public final class StoppedOnRequestException extends TrainingStoppedException {
    private static final long serialVersionUID = 1L;

    public StoppedOnRequestException(String message) {
        super(message);
    }
}
