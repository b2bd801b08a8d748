package dev.gantry.localcluster;

import com.sun.net.httpserver.HttpExchange;
import dev.gantry.protocol.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.protobuf.Message;

/** Small helpers for answering with the JDK's HTTP server. */
final class HttpExchanges {
    /** A body larger than the master's limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private HttpExchanges() {}

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        }
        // -1: no body at all, which HTTP requires for 202-with-nothing and keeps the connection reusable.
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    static void respondJson(HttpExchange exchange, int status, byte[] json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
        exchange.close();
    }

    /** Reads the request body, refusing more than {@code limit} bytes without reading them all. */
    static byte[] readBody(HttpExchange exchange, int limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    throw new TooLarge("Request body exceeds the limit of " + limit + " bytes");
                }
            } catch (NumberFormatException e) {
                throw new IOException("Malformed Content-Length");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = exchange.getRequestBody()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (body.size() + n > limit) {
                    throw new TooLarge("Request body exceeds the limit of " + limit + " bytes");
                }
                body.write(buffer, 0, n);
            }
        }
        return body.toByteArray();
    }

    /**
     * The request's body decoded into {@code builder}'s message, as a Mesos endpoint reads a call:
     * a Content-Type that is there (else 400) and one of Mesos' two (415), a body within
     * {@code limit} bytes (413) that decodes (400, in Mesos' words). Answers those itself and
     * returns empty.
     */
    static <M extends Message> Optional<M> readCall(HttpExchange exchange, int limit, Message.Builder builder)
            throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null) {
            respond(exchange, 400, "Expecting 'Content-Type' to be present");
            return Optional.empty();
        }
        Optional<MediaType> bodyType = MediaType.fromContentType(contentType);
        if (bodyType.isEmpty()) {
            respond(exchange, 415, "Expecting 'Content-Type' of " + MediaType.JSON.value() + " or "
                    + MediaType.PROTOBUF.value());
            return Optional.empty();
        }
        byte[] body;
        try {
            body = readBody(exchange, limit);
        } catch (TooLarge e) {
            respond(exchange, 413, e.getMessage());
            return Optional.empty();
        }
        try {
            return Optional.of(bodyType.get().decode(body, builder));
        } catch (IllegalArgumentException e) {
            String what = bodyType.get() == MediaType.JSON ? "Failed to convert JSON into Call protobuf: "
                    : "Failed to parse body into Call protobuf: ";
            respond(exchange, 400, what + e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the request is a POST; otherwise answers 405 in Mesos' words. */
    static boolean isPost(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("POST")) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "POST");
        respond(exchange, 405, "Expecting one of { 'POST' }, but received '" + exchange.getRequestMethod() + "'");
        return false;
    }

    /** Answers 401 with the Basic challenge of Mesos' {@code realm}. */
    static void challenge(HttpExchange exchange, String realm) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
        respond(exchange, 401, "");
    }

    /**
     * The master actor's answer, or null once 503 has been sent: the master is stopping, or did
     * not answer within {@code patience}.
     */
    static <T> T await(HttpExchange exchange, Future<T> answer, Duration patience) throws IOException {
        try {
            return answer.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 503, "Master is shutting down");
        } catch (Exception e) {
            respond(exchange, 503, "Master is unavailable: " + e.getMessage());
        }
        return null;
    }
}
