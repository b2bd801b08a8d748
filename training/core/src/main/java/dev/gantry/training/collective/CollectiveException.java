package dev.gantry.training.collective;

/** A collective could not complete: a peer died, timed out, sent a bad frame or failed to authenticate. */
public class CollectiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CollectiveException(String message) {
        super(message);
    }

    public CollectiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
