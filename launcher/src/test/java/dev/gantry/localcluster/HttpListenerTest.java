package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
}
