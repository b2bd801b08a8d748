package dev.gantry.training.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.training.worker.EpochMetrics;
import dev.gantry.training.worker.ProgressSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Worker 0's end of live progress. Every step's loss reaches the driver, gathered into one
 * {@code steps} message a few times a second (at most {@value #MAX_LOSSES} losses, so a message
 * stays far under the server's line bound), which the display also takes as its thinned step
 * event. Pending losses go out before any other message, so the driver hears events in order;
 * any failure turns the client off rather than disturbing training.
 *
 * <p>The one message the other way is the driver's request to stop ({@link ProgressServer#requestStop}):
 * a daemon thread reads it, and {@link #stopRequested()} says so from then on.
 */
public final class ProgressClient implements ProgressSink, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STEP_INTERVAL_NANOS = 200_000_000L;
    static final int MAX_LOSSES = 1000;
    /** The driver sends one short message only ({@code stop}); a longer line ends the listening. */
    private static final int MAX_DRIVER_LINE = 256;
    /** Well under the server's line bound, escaping included. */
    private static final int MAX_CAUSE = 4000;

    private Socket socket;
    private OutputStream out;
    private long lastSent = System.nanoTime() - STEP_INTERVAL_NANOS;
    private final float[] pendingLosses = new float[MAX_LOSSES];
    private int pending;
    private long firstPending;
    private int epoch;
    private long totalSteps;
    private double samplesPerSecond;
    private volatile boolean stopRequested;

    public ProgressClient(InetSocketAddress driver, byte[] secret) {
        try {
            socket = new Socket();
            socket.connect(driver, 10_000);
            out = socket.getOutputStream();
            send(ProgressToken.of(secret));
            InputStream in = socket.getInputStream();
            Thread reader = new Thread(() -> listen(in), "gantry-progress-stop-listener");
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            close();
        }
    }

    /** Whether the driver asked the job to stop: the loop then stops at a step all workers agree on. */
    public boolean stopRequested() {
        return stopRequested;
    }

    private void listen(InputStream in) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new BoundedLines(in, MAX_DRIVER_LINE),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if ("stop".equals(JSON.readTree(line).path("type").asText())) {
                    stopRequested = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the connection is gone; progress and stop requests are best-effort
        }
    }

    @Override
    public void step(int epoch, long step, long totalSteps, double loss, double samplesPerSecond) {
        if (out == null) {
            return;
        }
        if (pending > 0 && step != firstPending + pending) {
            sendSteps(); // a message holds consecutive steps only
        }
        if (pending == 0) {
            firstPending = step;
        }
        pendingLosses[pending++] = (float) loss;
        this.epoch = epoch;
        this.totalSteps = totalSteps;
        this.samplesPerSecond = samplesPerSecond;
        if (step == totalSteps || pending == MAX_LOSSES || System.nanoTime() - lastSent >= STEP_INTERVAL_NANOS) {
            sendSteps();
        }
    }

    /**
     * Sends the pending losses. Each goes as the double of its float, which JSON carries exactly,
     * so the driver's float is the worker's to the bit.
     */
    private void sendSteps() {
        if (pending == 0) {
            return;
        }
        lastSent = System.nanoTime();
        ObjectNode event = JSON.createObjectNode().put("type", "steps").put("epoch", epoch).put("first", firstPending)
                .put("total", totalSteps).put("samplesPerSecond", samplesPerSecond);
        ArrayNode values = event.putArray("losses");
        for (int i = 0; i < pending; i++) {
            values.add((double) pendingLosses[i]);
        }
        pending = 0;
        send(event.toString());
    }

    @Override
    public void epoch(EpochMetrics metrics) {
        sendSteps();
        ObjectNode event = JSON.createObjectNode().put("type", "epoch");
        event.set("metrics", JSON.valueToTree(metrics));
        send(event.toString());
    }

    @Override
    public void note(String line) {
        sendSteps();
        send(JSON.createObjectNode().put("type", "note").put("text", line).toString());
    }

    /**
     * Tells the driver why this worker failed, before its task fails: Spark reports whichever
     * worker's failure reaches it first, often a peer's closed connection, the echo of this one.
     */
    public void failure(int rank, String cause) {
        String text = cause.length() > MAX_CAUSE ? cause.substring(0, MAX_CAUSE) + "..." : cause;
        sendSteps();
        send(JSON.createObjectNode().put("type", "failure").put("rank", rank).put("text", text).toString());
    }

    private void send(String line) {
        if (out == null) {
            return;
        }
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            close();
        }
    }

    /** Sends what is pending, then hangs up: the driver reads to the end of the stream before it writes its files. */
    @Override
    public void close() {
        sendSteps();
        out = null;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to do with a connection that is going away
            }
        }
    }
}
