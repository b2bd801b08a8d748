package dev.gantry.training.spark;

/**
 * Training failed after Spark's retries, and a worker said why: the message is that worker's own
 * failure, the cause Spark's report of the stage.
 */
public class TrainingFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingFailedException(String message, Throwable sparkFailure) {
        super(message, sparkFailure);
    }
}
