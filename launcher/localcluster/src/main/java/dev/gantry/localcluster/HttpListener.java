package dev.gantry.localcluster;

import com.sun.net.httpserver.HttpHandler;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's HTTP/1.1 listener. The JDK's server cannot do two things a Mesos master does on a
 * subscription: send each event as one chunk whatever its size, and notice at once that the
 * scheduler closed its connection (it does not read a connection while a handler runs). This one
 * owns its sockets, so it can; endpoints stay plain {@link HttpHandler}s. A connection gets a
 * thread; at most {@code maxConnections} are served at once (one more is answered 503), a request's
 * head must arrive within {@code headTimeout} (else the connection closes), and requests
 * are bounded in head ({@link HttpRequestHead}) and body ({@code maxRequestBytes} for chunked
 * bodies; endpoints check declared lengths themselves).
 */
final class HttpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);
    // An idle connection (no request, or a stalled one) is closed after this long.
    private static final int IDLE_MILLIS = 5 * 60 * 1000;

    private final ServerSocket server;
    private final int maxRequestBytes;
    private final Semaphore slots;
    private final long headTimeoutMillis;
    private final ExecutorService threads;
    // Closes connections whose request head is late: a read timeout alone restarts with every byte.
    private final ScheduledExecutorService headDeadlines;
    // Path prefix to endpoint; the longest matching prefix wins, as in the JDK server.
    private final Map<String, HttpHandler> contexts = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    HttpListener(InetSocketAddress bind, int backlog, int maxConnections, Duration headTimeout, int maxRequestBytes)
            throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(bind, backlog);
        this.maxRequestBytes = maxRequestBytes;
        this.slots = new Semaphore(maxConnections);
        this.headTimeoutMillis = headTimeout.toMillis();
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "gantry-master-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.headDeadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gantry-master-http-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    void createContext(String path, HttpHandler handler) {
        contexts.put(path, handler);
    }

    void start() {
        threads.execute(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("master listener stopped accepting: {}", e.getMessage());
                }
                return;
            }
            if (!slots.tryAcquire()) {
                refuse(socket);
                continue;
            }
            open.add(socket);
            threads.execute(() -> {
                try {
                    serve(socket);
                } finally {
                    open.remove(socket);
                    closeQuietly(socket);
                    slots.release();
                }
            });
        }
    }

    private static void refuse(Socket socket) {
        try (socket) {
            socket.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
            // The peer is gone already.
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setSoTimeout(IDLE_MILLIS);
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            // A new connection's first request is due at once; later ones may wait idle between requests.
            ScheduledFuture<?> deadline = headDeadline(socket);
            while (!closed) {
                HttpRequestHead head;
                InputStream body;
                try {
                    if (deadline == null) {
                        if (!awaitRequest(in)) {
                            return;
                        }
                        deadline = headDeadline(socket);
                    }
                    try {
                        head = HttpRequestHead.read(in);
                    } finally {
                        deadline.cancel(false);
                        deadline = null;
                    }
                    if (head == null) {
                        return;
                    }
                    body = body(head, in, out);
                } catch (HttpRequestHead.Malformed e) {
                    answerAndClose(out, e.getMessage().startsWith("Request body") ? 413 : 400, e.getMessage());
                    return;
                }
                ServerExchange exchange = new ServerExchange(head, body, socket, out);
                HttpHandler handler = handlerFor(head.uri().getPath());
                try {
                    if (handler == null) {
                        HttpExchanges.respond(exchange, 404, "No such endpoint: " + head.uri().getPath());
                    } else {
                        handler.handle(exchange);
                    }
                } catch (RuntimeException e) {
                    LOG.error("HTTP handler failed for {}", head.uri().getPath(), e);
                    if (!exchange.responseStarted()) {
                        HttpExchanges.respond(exchange, 500, "Internal error: " + e.getClass().getSimpleName());
                    }
                }
                if (!exchange.finish()) {
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debug("connection from {} ended: {}", socket.getRemoteSocketAddress(), e.getMessage());
        }
    }

    /** Waits, up to the idle timeout, for the next request's first byte; false when the peer closed. */
    private static boolean awaitRequest(InputStream in) throws IOException {
        in.mark(1);
        if (in.read() < 0) {
            return false;
        }
        in.reset();
        return true;
    }

    /**
     * Closes {@code socket} unless cancelled within the head timeout, which ends its thread's read.
     * Closing says enough: a 408 written from here could block this one thread on a peer that
     * reads nothing, and stall every other connection's deadline.
     */
    private ScheduledFuture<?> headDeadline(Socket socket) {
        return headDeadlines.schedule(() -> closeQuietly(socket), headTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    private HttpHandler handlerFor(String path) {
        if (path == null) {
            return null;
        }
        String best = null;
        for (String context : contexts.keySet()) {
            if (path.startsWith(context) && (best == null || context.length() > best.length())) {
                best = context;
            }
        }
        return best == null ? null : contexts.get(best);
    }

    /** The request body: read lazily up to Content-Length, or a chunked body read whole within the limit. */
    private InputStream body(HttpRequestHead head, InputStream in, OutputStream out) throws IOException {
        String expect = head.headers().getFirst("Expect");
        if (expect != null && expect.equalsIgnoreCase("100-continue")) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        String encoding = head.headers().getFirst("Transfer-Encoding");
        if (encoding != null && encoding.equalsIgnoreCase("chunked")) {
            return new ByteArrayInputStream(dechunk(in));
        }
        String length = head.headers().getFirst("Content-Length");
        if (length == null) {
            return InputStream.nullInputStream();
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new HttpRequestHead.Malformed("Malformed Content-Length");
        }
        if (declared < 0) {
            throw new HttpRequestHead.Malformed("Malformed Content-Length");
        }
        return new BoundedBody(in, declared);
    }

    private byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = asciiLine(in);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            } catch (NumberFormatException e) {
                throw new HttpRequestHead.Malformed("Malformed chunk size");
            }
            if (size == 0) {
                while (!asciiLine(in).isEmpty()) {
                    // Trailers are allowed and ignored.
                }
                return body.toByteArray();
            }
            if (size < 0 || body.size() + size > maxRequestBytes) {
                throw new HttpRequestHead.Malformed("Request body exceeds the limit of " + maxRequestBytes + " bytes");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length != size || !asciiLine(in).isEmpty()) {
                throw new HttpRequestHead.Malformed("Malformed chunk");
            }
            body.write(chunk);
        }
    }

    private static String asciiLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0 || line.length() > 1024) {
                throw new HttpRequestHead.Malformed("Malformed chunk");
            }
            line.append((char) b);
        }
        return line.toString().strip();
    }

    private static void answerAndClose(OutputStream out, int status, String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        try {
            out.write(("HTTP/1.1 " + status + (status == 413 ? " Payload Too Large" : " Bad Request")
                    + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException ignored) {
            // The peer is gone already.
        }
    }

    /** Stops accepting and closes every connection, which ends every subscription. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        threads.shutdownNow();
        headDeadlines.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is best effort.
        }
    }
}
