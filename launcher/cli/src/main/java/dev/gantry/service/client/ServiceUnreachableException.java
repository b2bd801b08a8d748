package dev.gantry.service.client;

import java.net.URI;

/** No answer from the service: not running, wrong address, or the connection failed. */
public final class ServiceUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServiceUnreachableException(URI service, Throwable cause) {
        super("cannot reach the Gantry service at " + service + ": " + reason(cause), cause);
    }

    private static String reason(Throwable cause) {
        if (cause instanceof java.net.ConnectException) {
            return "connection refused (is gantry serve running there?)";
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
