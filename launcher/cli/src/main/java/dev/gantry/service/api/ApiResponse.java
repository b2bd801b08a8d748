package dev.gantry.service.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: a status, a content type, the body's bytes, and headers besides; or, for
 * a stream, what writes the body bit by bit for as long as it lasts ({@code body} is then empty).
 */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers, Stream stream) {
    static final String JSON = "application/json; charset=utf-8";

    /**
     * A body written while the client listens: it flushes what it wants seen, returns when done, and
     * ends early when a write fails (the client went away) or it is interrupted (the server closes).
     */
    @FunctionalInterface
    interface Stream {
        void writeTo(OutputStream out) throws IOException, InterruptedException;
    }

    ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }

    static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, JSON, ApiJson.write(body), Map.of());
    }

    static ApiResponse ok(Object body) {
        return json(200, body);
    }

    /** A 200 whose body {@code stream} writes; its length is unknown, so it goes chunked. */
    static ApiResponse streaming(String contentType, Stream stream) {
        return new ApiResponse(200, contentType, new byte[0], Map.of(), stream);
    }

    boolean streams() {
        return stream != null;
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, body, more, stream);
    }
}
