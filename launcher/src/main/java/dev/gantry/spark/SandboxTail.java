package dev.gantry.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the end of an ended executor's {@code stderr} from its agent, through the agent's
 * {@code /files/read} endpoint and the virtual path Mesos gives every executor's latest run
 * ({@code /frameworks/F/executors/E/runs/latest}). That is where an executor that died before
 * reaching the driver left its reason. Never fails: an agent that is gone, refuses, or has
 * already collected the sandbox gives an empty tail.
 */
final class SandboxTail {
    /** Enough for a stack trace's head and the lines before it; what a peer sends is bounded by it. */
    static final int MAX_BYTES = 8192;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;

    SandboxTail(HttpClient http) {
        this.http = http;
    }

    /** The sandbox's {@code stderr} path as the agent's file browser names it. */
    static String stderrPath(String frameworkId, String executorId) {
        return "/frameworks/" + frameworkId + "/executors/" + executorId + "/runs/latest/stderr";
    }

    /** The last lines of {@code path} on the agent at {@code agent} ({@code http://host:port}). */
    CompletableFuture<List<String>> read(URI agent, String path) {
        // offset=-1 answers the file's length without data; then the last MAX_BYTES of it.
        return get(agent, path, -1, 0).thenCompose(size -> {
            long length = size.path("offset").asLong(-1);
            if (length <= 0) {
                return CompletableFuture.completedFuture(List.<String>of());
            }
            long from = Math.max(0, length - MAX_BYTES);
            return get(agent, path, from, MAX_BYTES).thenApply(data -> lines(data.path("data").asText(""), from > 0));
        }).exceptionally(e -> List.of());
    }

    private CompletableFuture<JsonNode> get(URI agent, String path, long offset, int length) {
        String query = "path=" + URLEncoder.encode(path, StandardCharsets.UTF_8) + "&offset=" + offset
                + (length > 0 ? "&length=" + length : "");
        HttpRequest request = HttpRequest.newBuilder(agent.resolve("/files/read?" + query)).timeout(TIMEOUT).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(agent + " answered " + response.statusCode() + " for " + path);
            }
            byte[] body = response.body();
            if (body.length > 4 * MAX_BYTES) {
                throw new IllegalStateException(agent + " sent " + body.length + " bytes for " + MAX_BYTES + " asked");
            }
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(agent + " sent no JSON for " + path, e);
            }
        });
    }

    /** The text's lines; a first line cut by the read's start is dropped. */
    static List<String> lines(String text, boolean cutAtStart) {
        List<String> lines = List.of(text.split("\n", -1));
        int from = cutAtStart && lines.size() > 1 ? 1 : 0;
        int to = lines.size();
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        return lines.subList(from, to);
    }
}
