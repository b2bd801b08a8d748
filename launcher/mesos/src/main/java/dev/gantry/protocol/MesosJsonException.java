package dev.gantry.protocol;

/** JSON that does not map onto the expected Mesos message; the message names the offending field. */
public final class MesosJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MesosJsonException(String message) {
        super(message);
    }

    public MesosJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
