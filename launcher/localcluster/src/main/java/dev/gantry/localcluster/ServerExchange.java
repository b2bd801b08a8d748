package dev.gantry.localcluster;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * One request and its response on an {@link HttpListener} connection, behind the JDK's
 * {@link HttpExchange} interface so that endpoints are written once. Unlike the JDK server's, a
 * streamed body sends one chunk per flush, and the exchange can tell when the peer closed its
 * connection ({@link #onPeerClosed}), which a subscription needs to end at once.
 */
final class ServerExchange extends HttpExchange {
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(100, "Continue"), Map.entry(200, "OK"), Map.entry(202, "Accepted"),
            Map.entry(307, "Temporary Redirect"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"), Map.entry(409, "Conflict"), Map.entry(413, "Payload Too Large"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"), Map.entry(503, "Service Unavailable"));

    // A request body left unread up to this size is skipped to keep the connection; beyond, it closes.
    private static final long DRAIN_LIMIT = 1024 * 1024;

    private final HttpRequestHead head;
    private final InputStream requestBody;
    private final Socket socket;
    private final OutputStream out;
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private int responseCode = -1;
    private OutputStream responseBody;
    private boolean reusable;
    private volatile boolean finished;
    private Thread watcher;

    ServerExchange(HttpRequestHead head, InputStream requestBody, Socket socket, OutputStream out) {
        this.head = head;
        this.requestBody = requestBody;
        this.socket = socket;
        this.out = out;
    }

    @Override
    public Headers getRequestHeaders() {
        return head.headers();
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return head.uri();
    }

    @Override
    public String getRequestMethod() {
        return head.method();
    }

    /** Endpoints here never look at their context; there is none. */
    @Override
    public HttpContext getHttpContext() {
        return null;
    }

    @Override
    public InputStream getRequestBody() {
        return requestBody;
    }

    @Override
    public OutputStream getResponseBody() {
        if (responseBody == null) {
            throw new IllegalStateException("response headers not sent yet");
        }
        return responseBody;
    }

    /** As the JDK's: length 0 streams a chunked body, -1 sends none, anything else exactly that many bytes. */
    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (responseCode >= 0) {
            throw new IOException("response headers already sent");
        }
        responseCode = code;
        boolean headOnly = getRequestMethod().equals("HEAD");
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(code).append(' ')
                .append(REASONS.getOrDefault(code, "")).append("\r\n");
        text.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n");
        responseHeaders.forEach((name, values) -> values.forEach(v -> text.append(canonical(name)).append(": ")
                .append(v).append("\r\n")));
        if (length == 0 && !headOnly) {
            text.append("Transfer-Encoding: chunked\r\n");
            responseBody = new ChunkedBody(out);
        } else {
            long declared = Math.max(length, 0);
            text.append("Content-Length: ").append(declared).append("\r\n");
            responseBody = new FixedLengthBody(out, headOnly ? 0 : declared);
        }
        // The connection carries another request only if this one's unread body is small enough to
        // skip, and never after a stream: a subscription's connection is watched for its end. Saying
        // so lets clients that pool connections (the JDK's) not send into a closing one.
        reusable = head.keepAlive() && unreadBody() <= DRAIN_LIMIT && !(responseBody instanceof ChunkedBody);
        if (!reusable) {
            text.append("Connection: close\r\n");
        }
        text.append("\r\n");
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * A header name as Mesos spells it ({@code Mesos-Stream-Id}, {@code WWW-Authenticate}); the JDK's
     * {@link Headers} keeps only the first letter's case. Names are case-insensitive, but not every
     * client reads them so.
     */
    static String canonical(String name) {
        if (name.equalsIgnoreCase("WWW-Authenticate")) {
            return "WWW-Authenticate";
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }

    /** Runs {@code action} once the peer closes its connection (or the connection fails) during this exchange. */
    void onPeerClosed(Runnable action) {
        if (watcher != null) {
            throw new IllegalStateException("already watched");
        }
        watcher = new Thread(() -> {
            byte[] discard = new byte[512];
            try {
                InputStream in = socket.getInputStream();
                while (!finished) {
                    try {
                        if (in.read(discard) < 0) {
                            break;
                        }
                        // A request pipelined onto a subscription is never answered; its bytes are dropped.
                    } catch (SocketTimeoutException idle) {
                        // Reads time out so that idle connections end; a subscription may be idle.
                    }
                }
            } catch (IOException closed) {
                // Reset or closed: the peer is gone either way.
            }
            action.run();
        }, "gantry-master-peer-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            if (responseBody == null) {
                reusable = false;
            } else {
                responseBody.close();
                reusable &= watcher == null && !(responseBody instanceof FixedLengthBody fixed && !fixed.complete());
                if (reusable) {
                    requestBody.transferTo(OutputStream.nullOutputStream());
                }
            }
        } catch (IOException e) {
            reusable = false;
        } finally {
            finished = true;
        }
    }

    /** Ends the exchange; whether the connection may carry another request. */
    boolean finish() {
        close();
        return reusable;
    }

    boolean responseStarted() {
        return responseCode >= 0;
    }

    private long unreadBody() {
        return requestBody instanceof BoundedBody bounded ? bounded.remaining() : 0;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public int getResponseCode() {
        return responseCode;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public String getProtocol() {
        return head.protocol();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        throw new UnsupportedOperationException("filters are not supported");
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }
}
