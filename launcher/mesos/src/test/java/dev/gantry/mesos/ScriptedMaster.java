package dev.gantry.mesos;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.protocol.MediaType;
import dev.gantry.protocol.RecordIo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * An HTTP server on 127.0.0.1 standing in for a Mesos master in the client's unit tests: it
 * records every request to {@code /api/v1/scheduler} and answers as each test scripts it. It
 * knows nothing of Mesos' rules; that is the embedded master's job.
 */
final class ScriptedMaster implements AutoCloseable {

    /** How to answer one request. */
    interface Script {
        void answer(Request request) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final BlockingQueue<Request> subscribes = new LinkedBlockingQueue<>();
    private final BlockingQueue<Request> calls = new LinkedBlockingQueue<>();
    private final AtomicInteger subscribeCount = new AtomicInteger();
    private volatile List<Script> subscribeScripts = List.of(request -> request.respond(503, "no script"));
    private volatile Script callScript = request -> request.respond(202, "");

    ScriptedMaster() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "scripted-master");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext(MasterAddresses.SCHEDULER_PATH, this::handle);
        server.start();
    }

    /** Answers the n-th SUBSCRIBE with the n-th script, and every later one with the last script. */
    ScriptedMaster onSubscribe(Script... scripts) {
        subscribeScripts = List.of(scripts);
        return this;
    }

    ScriptedMaster onCall(Script script) {
        callScript = script;
        return this;
    }

    /** {@code http://127.0.0.1:port} */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    String authority() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    Request nextSubscribe(Duration timeout) throws InterruptedException {
        return next(subscribes, timeout, "SUBSCRIBE");
    }

    Request nextCall(Duration timeout) throws InterruptedException {
        return next(calls, timeout, "call");
    }

    /** Whether another SUBSCRIBE arrives within {@code window}. */
    boolean subscribeArrivesWithin(Duration window) throws InterruptedException {
        return subscribes.poll(window.toMillis(), TimeUnit.MILLISECONDS) != null;
    }

    boolean callArrivesWithin(Duration window) throws InterruptedException {
        return calls.poll(window.toMillis(), TimeUnit.MILLISECONDS) != null;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private static Request next(BlockingQueue<Request> queue, Duration timeout, String what)
            throws InterruptedException {
        Request request = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (request == null) {
            throw new AssertionError("no " + what + " arrived within " + timeout);
        }
        return request;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            MediaType type = MediaType.fromContentType(exchange.getRequestHeaders().getFirst("Content-Type"))
                    .orElseThrow(() -> new AssertionError("request without a known Content-Type"));
            Call call = type.decode(body, Call.newBuilder());
            Request request = new Request(exchange, call, type);
            Script script;
            if (call.getType() == Call.Type.SUBSCRIBE) {
                List<Script> scripts = subscribeScripts;
                script = scripts.get(Math.min(subscribeCount.getAndIncrement(), scripts.size() - 1));
                subscribes.add(request);
            } else {
                script = callScript;
                calls.add(request);
            }
            script.answer(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away mid-answer, as clients aborting a stream do.
        }
    }

    /** One recorded request, and the means to answer it. */
    final class Request {
        final Call call;
        final MediaType contentType;
        final long receivedNanos = System.nanoTime();
        private final HttpExchange exchange;

        private Request(HttpExchange exchange, Call call, MediaType contentType) {
            this.exchange = exchange;
            this.call = call;
            this.contentType = contentType;
        }

        String method() {
            return exchange.getRequestMethod();
        }

        /** The first value of a request header, or null. */
        String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        Headers headers() {
            return exchange.getRequestHeaders();
        }

        void respond(int status, String body, String... headerNamesAndValues) throws IOException {
            for (int i = 0; i < headerNamesAndValues.length; i += 2) {
                exchange.getResponseHeaders().add(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0) {
                exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }

        /** Answers 200 with a chunked event stream in the media type the request accepts. */
        EventSink openStream(String streamId) throws IOException {
            MediaType type = MediaType.fromAccept(header("Accept")).orElseThrow();
            exchange.getResponseHeaders().add("Content-Type", type.value());
            exchange.getResponseHeaders().add(SchedulerRequests.STREAM_ID_HEADER, streamId);
            exchange.sendResponseHeaders(200, 0);
            return new EventSink(exchange.getResponseBody(), type);
        }

        /** Keeps the exchange open, sending nothing, until the server closes. */
        void holdOpen() throws InterruptedException {
            closing.await(60, TimeUnit.SECONDS);
        }
    }

    /** Writes events to an open stream, each in its own chunk. */
    static final class EventSink {
        private final OutputStream out;
        private final MediaType type;

        EventSink(OutputStream out, MediaType type) {
            this.out = out;
            this.type = type;
        }

        EventSink send(Event... events) throws IOException {
            for (Event event : events) {
                out.write(RecordIo.frame(type.encode(event)));
                out.flush();
            }
            return this;
        }

        EventSink sendRaw(String bytes) throws IOException {
            out.write(bytes.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return this;
        }

        /** Ends the stream cleanly, between records. */
        void end() throws IOException {
            out.close();
        }
    }
}
