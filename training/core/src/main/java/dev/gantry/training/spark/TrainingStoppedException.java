package dev.gantry.training.spark;

/**
 * Training stopped before its end for a reason no retry can fix (a diverged loss, a full disk, no
 * intact checkpoint): the message is the root cause and what was kept, one line for the user.
 */
public class TrainingStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingStoppedException(String message) {
        super(message);
    }
}
