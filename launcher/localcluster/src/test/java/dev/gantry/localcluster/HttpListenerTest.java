package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The master's listener keeps what a peer sends within bounds and speaks plain HTTP/1.1 otherwise. */
class HttpListenerTest {
    private static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start(ClusterSpec.builder().agent(AgentSpec.builder().build())
                .maxRequestBytes(1024).build());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** Sends raw bytes and returns everything the master answers before it closes the connection. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", cluster.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void anOverlongHeadLineIsRefused() throws Exception {
        String answer = exchange("GET /health HTTP/1.1\r\nX-Long: " + "a".repeat(20_000) + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400");
    }

    @Test
    void tooManyHeadersAreRefused() throws Exception {
        StringBuilder request = new StringBuilder("GET /health HTTP/1.1\r\n");
        for (int i = 0; i < 200; i++) {
            request.append("X-").append(i).append(": v\r\n");
        }
        assertThat(exchange(request.append("\r\n").toString())).startsWith("HTTP/1.1 400");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefused() throws Exception {
        String chunk = "a".repeat(800);
        String answer = exchange("POST /api/v1 HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(800) + "\r\n" + chunk + "\r\n"
                + Integer.toHexString(800) + "\r\n" + chunk + "\r\n0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 413");
    }

    /** An endpoint that refuses a request before reading its body leaves the connection usable. */
    @Test
    void aBodyLeftUnreadIsSkippedForTheNextRequest() throws Exception {
        String answer = exchange("POST /api/v1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                + "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("Expecting 'Content-Type' to be present")
                .contains("HTTP/1.1 200 OK");
    }

    /** A subscription's connection is watched for its end, so the answer says it will not be reused. */
    @Test
    void aStreamSaysItsConnectionCloses() throws Exception {
        String body = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\","
                + "\"roles\":[\"*\"]}}}";
        String answer = exchange("POST /api/v1/scheduler HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Accept: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        // Refused (roles need MULTI_ROLE): an ERROR event, the last chunk, and the connection closes.
        assertThat(answer).startsWith("HTTP/1.1 200").contains("Connection: close").contains("\"ERROR\"")
                .endsWith("0\r\n\r\n");
    }

    @Test
    void aKeptAliveConnectionAnswersRequestsInTurn() throws Exception {
        String answer = exchange("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /redirect HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200 OK").contains("HTTP/1.1 307 Temporary Redirect")
                .contains("Location: //127.0.0.1:" + cluster.port());
    }

    /**
     * A connection over the bound is answered 503 and closed at once, while those within it stay
     * served; once they go, the slots are free again.
     */
    @Test
    void connectionsBeyondTheBoundAreRefused() throws Exception {
        try (LocalCluster bounded = LocalCluster.start(ClusterSpec.builder().agent(AgentSpec.builder().build())
                .maxConnections(3).build())) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(keptAlive(bounded));
                }
                try (Socket over = new Socket("127.0.0.1", bounded.port())) {
                    over.setSoTimeout(30_000);
                    assertThat(new String(over.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                            .startsWith("HTTP/1.1 503");
                }
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
            // The slots come back as the master sees the held connections end.
            assertThat(awaitHealthy(bounded)).startsWith("HTTP/1.1 200");
        }
    }

    /**
     * A peer that trickles a request's head byte by byte (slowloris), or sends nothing, is closed
     * once the head timeout has passed, freeing its thread and slot; a normal request is served
     * meanwhile. The test waits for the close, generously, rather than timing it.
     */
    @Test
    void aRequestHeadNotCompletedInTimeIsClosed() throws Exception {
        try (LocalCluster slow = LocalCluster.start(ClusterSpec.builder().agent(AgentSpec.builder().build())
                .maxConnections(10).requestHeadTimeout(Duration.ofSeconds(1)).build())) {
            ExecutorService peers = Executors.newFixedThreadPool(8);
            List<CompletableFuture<String>> slowPeers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                slowPeers.add(CompletableFuture.supplyAsync(() -> untilClosed(slow, true), peers));
            }
            for (int i = 0; i < 2; i++) {
                slowPeers.add(CompletableFuture.supplyAsync(() -> untilClosed(slow, false), peers));
            }
            try {
                assertThat(exchange(slow, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                        .startsWith("HTTP/1.1 200");
                for (CompletableFuture<String> peer : slowPeers) {
                    assertThat(peer.get(3, TimeUnit.MINUTES)).isEqualTo("closed by the master");
                }
            } finally {
                peers.shutdownNow();
            }
        }
    }

    /**
     * Connects and starts a request; with {@code trickle}, sends one more byte of a header line
     * every 100 ms, else nothing. Returns once the master closes the connection, or after two
     * minutes with it still open.
     */
    private static String untilClosed(LocalCluster target, boolean trickle) {
        try (Socket socket = new Socket("127.0.0.1", target.port())) {
            socket.setSoTimeout(100);
            OutputStream out = socket.getOutputStream();
            if (trickle) {
                out.write("GET /health HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            }
            InputStream in = socket.getInputStream();
            long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < giveUp) {
                try {
                    if (trickle) {
                        out.write('a');
                        out.flush();
                    }
                    if (in.read() < 0) {
                        return "closed by the master";
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // Nothing yet: send the next byte.
                } catch (IOException reset) {
                    return "closed by the master";
                }
            }
            return "still open after two minutes";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Socket keptAlive(LocalCluster target) throws IOException {
        Socket socket = new Socket("127.0.0.1", target.port());
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] status = socket.getInputStream().readNBytes(12);
        assertThat(new String(status, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200");
        return socket;
    }

    private static String awaitHealthy(LocalCluster target) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String answer = "";
        while (System.nanoTime() < giveUp) {
            answer = exchange(target, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            if (answer.startsWith("HTTP/1.1 200")) {
                return answer;
            }
            Thread.sleep(50);
        }
        return answer;
    }

    private static String exchange(LocalCluster target, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", target.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
