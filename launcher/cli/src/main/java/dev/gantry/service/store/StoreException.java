package dev.gantry.service.store;

/**
 * The store could not do what it was asked: the database is unreachable, in use, or refused a
 * statement. The message is one line naming the database (never its password).
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
