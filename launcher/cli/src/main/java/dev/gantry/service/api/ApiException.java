package dev.gantry.service.api;

import java.util.Map;

/**
 * A request the API answers with an error status: one line for a person, and the field or
 * parameter at fault where there is one. Thrown anywhere while handling a request; {@link ApiHandler}
 * turns it into {@code {"error": ..., "field": ...}}.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;
    private final transient Map<String, String> headers;

    ApiException(int status, String field, String message, Map<String, String> headers) {
        // No stack trace: these are answers, not failures, and are never logged with one.
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    static ApiException badRequest(String field, String message) {
        return new ApiException(400, field, message, Map.of());
    }

    static ApiException unauthorized(String message) {
        return new ApiException(401, null, message, Map.of("WWW-Authenticate", "Bearer realm=\"gantry\""));
    }

    static ApiException forbidden(String message) {
        return new ApiException(403, null, message, Map.of());
    }

    static ApiException notFound(String message) {
        return new ApiException(404, null, message, Map.of());
    }

    static ApiException methodNotAllowed(String message, String allowed) {
        return new ApiException(405, null, message, Map.of("Allow", allowed));
    }

    /** The rest of the body stays unread, so the connection cannot be reused: say so. */
    static ApiException tooLarge(String message) {
        return new ApiException(413, null, message, Map.of("Connection", "close"));
    }

    static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, null, message, Map.of());
    }

    static ApiException unavailable(String message) {
        return new ApiException(503, null, message, Map.of("Retry-After", "1"));
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }

    Map<String, String> headers() {
        return headers;
    }
}
