package dev.gantry.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) scraping one target every second,
 * for tests of what {@code gantry serve} exposes on {@code /metrics}: it reads the text as
 * Prometheus does, with a bearer token from a file as a deployment would configure it, and
 * answers PromQL. When the package is missing and this JVM runs as root with apt-get, installs it
 * once per JVM; otherwise fails the test saying how to install it. Never skips: a metrics test
 * that silently does not run proves nothing.
 *
 * <p>Listens on a free loopback port (another one if that was taken meanwhile), keeps its data in
 * a temporary directory, and {@link #close()} stops it with SIGTERM and deletes the directory.
 */
public final class PrometheusServer implements AutoCloseable {
    private static final Path EXECUTABLE = Path.of("/usr/bin/prometheus");
    private static final String HOW_TO_INSTALL =
            "install Debian's prometheus (apt-get install -y --no-install-recommends prometheus)";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int PORT_TRIES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One series of a query's answer: its labels and its value now. */
    public record Sample(Map<String, String> labels, double value) {}

    private final Path dir;
    private final URI url;
    private final Process process;
    private final Thread cleanup;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private PrometheusServer(Path dir, URI url, Process process, Thread cleanup) {
        this.dir = dir;
        this.url = url;
        this.process = process;
        this.cleanup = cleanup;
    }

    /**
     * Starts Prometheus scraping {@code target} ({@code host:port}) at {@code metricsPath} every
     * second with {@code Authorization: Bearer} and the token in {@code tokenFile}; returns once it
     * is ready to answer queries (the first scrape follows within a second or so).
     */
    public static PrometheusServer start(String target, String metricsPath, Path tokenFile)
            throws IOException, InterruptedException {
        String why = DebianPackages.install("prometheus", () -> Files.isExecutable(EXECUTABLE));
        if (why != null) {
            Assertions.fail("Prometheus is needed: " + why + "; " + HOW_TO_INSTALL);
        }
        Path dir = Files.createTempDirectory("gantry-prometheus");
        try {
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, config(target, metricsPath, tokenFile.toAbsolutePath()), StandardCharsets.UTF_8);
            String lastLog = "";
            for (int attempt = 1; attempt <= PORT_TRIES; attempt++) {
                int port = RealMesosCluster.freePort();
                Path log = dir.resolve("prometheus-" + attempt + ".log");
                Process process = new ProcessBuilder(EXECUTABLE.toString(), "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                Thread cleanup = new Thread(() -> kill(process), "prometheus-cleanup");
                Runtime.getRuntime().addShutdownHook(cleanup);
                PrometheusServer server = new PrometheusServer(dir, URI.create("http://127.0.0.1:" + port), process,
                        cleanup);
                boolean ready;
                try {
                    ready = server.awaitReady(log);
                } catch (RuntimeException | InterruptedException e) {
                    server.stop();
                    throw e;
                }
                if (ready) {
                    return server;
                }
                server.stop();
                lastLog = ServerFiles.tail(log);
                if (!lastLog.contains("address already in use")) {
                    break; // not a port taken between choosing it and binding it: another port will not help
                }
            }
            throw new IllegalStateException("Prometheus did not start: " + lastLog);
        } catch (IOException | RuntimeException | InterruptedException e) {
            ServerFiles.deleteTree(dir);
            throw e;
        }
    }

    /** Where it answers, {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return url;
    }

    /** An instant query's series now (a scalar answer as one series without labels); none when nothing matches. */
    public List<Sample> query(String promql) throws IOException, InterruptedException {
        JsonNode data = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .path("data");
        List<Sample> samples = new ArrayList<>();
        switch (data.path("resultType").asText()) {
            case "vector" -> {
                for (JsonNode series : data.path("result")) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    series.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                    samples.add(new Sample(Map.copyOf(labels), value(series.path("value"))));
                }
            }
            case "scalar" -> samples.add(new Sample(Map.of(), value(data.path("result"))));
            default -> throw new IllegalArgumentException("'" + promql + "' is no instant vector or scalar: " + data);
        }
        return samples;
    }

    /** How its scrapes go, target by target: health and last error, for a failing test's message. */
    public String targets() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        for (JsonNode target : get("/api/v1/targets").path("data").path("activeTargets")) {
            lines.add(target.path("scrapeUrl").asText() + " " + target.path("health").asText() + " "
                    + target.path("lastError").asText());
        }
        return String.join("; ", lines);
    }

    /** Stops it with SIGTERM (it flushes its data and exits), killing it if it does not, and deletes its data. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            ServerFiles.deleteTree(dir);
        }
    }

    private void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            kill(process);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException exiting) {
            // The JVM is shutting down and runs the hook itself.
        }
    }

    private boolean awaitReady(Path log) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(url.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        if (process.isAlive()) {
            throw new IllegalStateException("Prometheus was not ready on " + url + " within " + START_TIMEOUT + ": "
                    + ServerFiles.tail(log));
        }
        return false;
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("Prometheus answered " + response.statusCode() + " to " + pathAndQuery
                    + ": " + response.body());
        }
        return body;
    }

    private static double value(JsonNode pair) {
        // [time, "value"]: Prometheus writes values as text, NaN and +Inf included.
        return Double.parseDouble(pair.path(1).asText().replace("Inf", "Infinity"));
    }

    /** The configuration: one scrape job, every second, the token read from its file at each scrape. */
    static String config(String target, String metricsPath, Path tokenFile) {
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: gantry
                    metrics_path: %s
                    scheme: http
                    authorization:
                      type: Bearer
                      credentials_file: %s
                    static_configs:
                      - targets: ['%s']
                """.formatted(quoted(metricsPath), quoted(tokenFile.toString()), target);
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
