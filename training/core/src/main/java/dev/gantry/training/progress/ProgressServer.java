package dev.gantry.training.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.training.worker.EpochMetrics;
import dev.gantry.training.worker.ProgressSink;
import dev.gantry.training.worker.StepLosses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * The driver's end of live progress: worker 0 connects, proves it belongs to the job, and sends
 * one JSON line per event, which go to the driver's {@link ProgressSink}. Progress is
 * best-effort; a broken connection never fails training. Lines are bounded, so a stray client
 * cannot make the driver buffer without end.
 *
 * <p>The driver answers on the same connections with one message only: {@link #requestStop()},
 * to every worker connected now or later, so that worker 0 learns of it wherever it is.
 */
public final class ProgressServer implements AutoCloseable {
    static final int MAX_LINE = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSocket server;
    private final String token;
    private final ProgressSink sink;
    private final Thread acceptor;
    /** Workers' own failures in the order they arrived; bounded, as a peer could send many. */
    private final java.util.Queue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final int MAX_FAILURES = 64;
    private static final String STOP = "{\"type\":\"stop\"}\n";
    /** Connections that proved they belong to the job, to tell of a stop. */
    private final java.util.Set<Socket> members = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopRequested;
    /** The threads reading connections now, for {@link #drain}. */
    private final java.util.Set<Thread> readers = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ProgressServer(InetAddress bind, byte[] secret, ProgressSink sink) throws IOException {
        this.server = new ServerSocket(0, 4, bind);
        this.token = ProgressToken.of(secret);
        this.sink = sink;
        this.acceptor = new Thread(this::accept, "gantry-progress-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread reader = new Thread(() -> serve(socket), "gantry-progress-reader");
                reader.setDaemon(true);
                readers.add(reader);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(
                new BoundedLines(socket.getInputStream(), MAX_LINE), StandardCharsets.UTF_8))) {
            String first = in.readLine();
            if (first == null || !MessageDigest.isEqual(first.getBytes(StandardCharsets.US_ASCII),
                    token.getBytes(StandardCharsets.US_ASCII))) {
                return;
            }
            members.add(socket);
            if (stopRequested) {
                tellStop(socket);
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                dispatch(JSON.readTree(line));
            }
        } catch (IOException | RuntimeException e) {
            // best-effort: the job's result still arrives through Spark
        } finally {
            members.remove(socket);
            readers.remove(Thread.currentThread());
        }
    }

    /** Asks the job to stop at its next step with a checkpoint: tells every worker connected now, and any that connects later. */
    public void requestStop() {
        stopRequested = true;
        for (Socket member : members) {
            tellStop(member);
        }
    }

    private static void tellStop(Socket socket) {
        synchronized (socket) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(STOP.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException gone) {
                // that worker is gone; a retried one connects anew and hears it then
            }
        }
    }

    private void dispatch(JsonNode event) throws IOException {
        switch (event.path("type").asText()) {
            case "steps" -> steps(event);
            case "epoch" -> sink.epoch(JSON.treeToValue(event.get("metrics"), EpochMetrics.class));
            case "note" -> sink.note(event.get("text").asText());
            case "failure" -> {
                if (failures.size() < MAX_FAILURES) {
                    failures.add("worker " + event.get("rank").asInt() + " failed: " + event.get("text").asText());
                }
            }
            default -> { }
        }
    }

    /** Every step's loss to the sink, and the last of them to the display as its step event. */
    private void steps(JsonNode event) {
        JsonNode values = event.get("losses");
        if (values.isEmpty()) {
            return;
        }
        float[] losses = new float[values.size()];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = (float) values.get(i).asDouble();
        }
        StepLosses batch = new StepLosses(event.get("first").asLong(), losses, event.get("samplesPerSecond").asDouble());
        sink.losses(batch);
        sink.step(event.get("epoch").asInt(), batch.lastStep(), event.get("total").asLong(),
                losses[losses.length - 1], batch.samplesPerSecond());
    }

    /**
     * Waits until every connection has been read to its end, at most {@code timeout}. Worker 0
     * hangs up before its task ends, so once the job's results are in, its last messages are
     * at most in flight: the driver waits for them before it closes what they go to.
     */
    public void drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread reader : readers) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                reader.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The first failure a worker reported of its own (not a peer's echo), if any. */
    public java.util.Optional<String> firstFailure() {
        return java.util.Optional.ofNullable(failures.peek());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
