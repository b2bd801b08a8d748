package dev.gantry.mesos;

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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.Offer;

/**
 * Reads the end of a file in an executor's sandbox from its agent, through the agent's
 * {@code /files/read} endpoint and the virtual path Mesos gives every executor's latest run
 * ({@code /frameworks/F/executors/E/runs/latest}): where an executor that died before reaching
 * the driver left its reason, and what a check task printed. Never fails: an agent that is gone,
 * refuses, or has already collected the sandbox gives no lines.
 */
public final class AgentFiles {
    /** Enough for a stack trace's head and the lines before it; what a peer sends is bounded by it. */
    static final int MAX_BYTES = 8192;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;

    public AgentFiles(HttpClient http) {
        this.http = http;
    }

    /**
     * A file of an executor's latest sandbox as the agent's file browser names it; a command
     * task's executor id is its task id.
     */
    public static String sandboxPath(String frameworkId, String executorId, String file) {
        return "/frameworks/" + frameworkId + "/executors/" + executorId + "/runs/latest/" + file;
    }

    /** The agent's HTTP address from an offer's {@code url}, which Mesos always sets; empty without one. */
    public static Optional<URI> agentUrl(Offer offer) {
        if (!offer.hasUrl() || !offer.getUrl().hasAddress()) {
            return Optional.empty();
        }
        Address address = offer.getUrl().getAddress();
        String host = address.hasIp() ? address.getIp() : address.getHostname();
        String scheme = offer.getUrl().getScheme().isEmpty() ? "http" : offer.getUrl().getScheme();
        return Optional.of(URI.create(scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + address.getPort()));
    }

    /** The last lines (at most {@link #MAX_BYTES}) of {@code path} on the agent at {@code agent}. */
    public CompletableFuture<List<String>> tail(URI agent, String path) {
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
    public static List<String> lines(String text, boolean cutAtStart) {
        List<String> lines = List.of(text.split("\n", -1));
        int from = cutAtStart && lines.size() > 1 ? 1 : 0;
        int to = lines.size();
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        return lines.subList(from, to);
    }
}
