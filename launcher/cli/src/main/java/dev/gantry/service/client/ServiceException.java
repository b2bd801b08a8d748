package dev.gantry.service.client;

import java.util.Optional;

/**
 * The service answered with an error: its status, its one-line reason, and the field or parameter
 * at fault where it named one.
 */
public final class ServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    public ServiceException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** 4xx: the request was wrong (a bad spec, an unknown job, a bad token); 5xx: the service failed. */
    public boolean isRequestError() {
        return status >= 400 && status < 500;
    }
}
