package dev.gantry.training.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Worker 0's end of live progress. Step events are thinned to a few per second; any failure
 * turns the client off rather than disturbing training.
 *
 * <p>The one message the other way is the driver's request to stop ({@link ProgressServer#requestStop}):
 * a daemon thread reads it, and {@link #stopRequested()} says so from then on.
 */
public final class ProgressClient implements ProgressSink, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STEP_INTERVAL_NANOS = 200_000_000L;
    /** Well under the server's line bound, escaping included. */
    private static final int MAX_CAUSE = 4000;

    private Socket socket;
    private OutputStream out;
    private long lastStep;
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
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.length() <= 256 && "stop".equals(JSON.readTree(line).path("type").asText())) {
                    stopRequested = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the connection is gone; progress and stop requests are best-effort
        }
    }

    @Override
    public void step(int epoch, long step, long totalSteps, double loss, double samplesPerSecond) {
        long now = System.nanoTime();
        if (step != totalSteps && now - lastStep < STEP_INTERVAL_NANOS) {
            return;
        }
        lastStep = now;
        ObjectNode event = JSON.createObjectNode().put("type", "step").put("epoch", epoch).put("step", step)
                .put("total", totalSteps).put("loss", loss).put("samplesPerSecond", samplesPerSecond);
        send(event.toString());
    }

    @Override
    public void epoch(EpochMetrics metrics) {
        ObjectNode event = JSON.createObjectNode().put("type", "epoch");
        event.set("metrics", JSON.valueToTree(metrics));
        send(event.toString());
    }

    @Override
    public void note(String line) {
        send(JSON.createObjectNode().put("type", "note").put("text", line).toString());
    }

    /**
     * Tells the driver why this worker failed, before its task fails: Spark reports whichever
     * worker's failure reaches it first, often a peer's closed connection, the echo of this one.
     */
    public void failure(int rank, String cause) {
        String text = cause.length() > MAX_CAUSE ? cause.substring(0, MAX_CAUSE) + "..." : cause;
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

    @Override
    public void close() {
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
