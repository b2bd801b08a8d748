package dev.gantry.service.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A client of {@code gantry serve}'s API (docs/service-api.md) on the JDK's HttpClient. Every
 * request carries the token as {@code Authorization: Bearer}; an error answer becomes a
 * {@link ServiceException} with the service's own line, no answer a {@link ServiceUnreachableException}.
 */
public final class ServiceClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Long enough for a busy service's slowest answer (a submission validates the spec), short of hanging. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // A newer service may say more than this client knows.
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final URI service;
    private final String token;
    private final HttpClient http;

    public ServiceClient(URI service, String token) {
        this.service = URI.create(Objects.requireNonNull(service, "service").toString().replaceAll("/+$", ""));
        this.token = Objects.requireNonNull(token, "token");
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    public URI service() {
        return service;
    }

    /** Queues the spec's text, exactly as written, at {@code priority} within the team. */
    public RemoteJob submit(String specText, int priority) {
        HttpRequest request = request("/api/v1/jobs?priority=" + priority)
                .header("Content-Type", "application/yaml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(specText, StandardCharsets.UTF_8))
                .build();
        return read(json(request), RemoteJob.class);
    }

    /**
     * The team's jobs, newest first: of {@code states} (all if empty), of {@code user} (anyone's if
     * null), at most {@code limit}.
     */
    public List<RemoteJob> jobs(Collection<String> states, String user, int limit) {
        StringBuilder path = new StringBuilder("/api/v1/jobs?limit=").append(limit);
        if (!states.isEmpty()) {
            path.append("&state=").append(encode(String.join(",", states)));
        }
        if (user != null) {
            path.append("&user=").append(encode(user));
        }
        JsonNode body = json(request(path.toString()).GET().build());
        List<RemoteJob> jobs = new ArrayList<>();
        for (JsonNode job : body.path("jobs")) {
            jobs.add(read(job, RemoteJob.class));
        }
        return jobs;
    }

    /** The job with its history. */
    public RemoteJob job(long id) {
        return read(json(request("/api/v1/jobs/" + id).GET().build()), RemoteJob.class);
    }

    public RemoteJob cancel(long id) {
        return read(json(request("/api/v1/jobs/" + id + "/cancel").POST(HttpRequest.BodyPublishers.noBody()).build()),
                RemoteJob.class);
    }

    /** The names of the job's logs so far, e.g. {@code driver.stdout@1}. */
    public List<String> logNames(long id) {
        List<String> names = new ArrayList<>();
        for (JsonNode log : json(request("/api/v1/jobs/" + id + "/logs").GET().build()).path("logs")) {
            names.add(log.path("name").asText());
        }
        return names;
    }

    /** Up to {@code length} bytes of the log {@code name} (without {@code @ATTEMPT}: the latest) from {@code offset}. */
    public LogPart log(long id, String name, long offset, int length) {
        HttpRequest request = request("/api/v1/jobs/" + id + "/logs/" + encode(name) + "?offset=" + offset
                + "&length=" + length).GET().build();
        HttpResponse<byte[]> response = send(request);
        if (response.statusCode() != 200) {
            throw error(response);
        }
        return new LogPart(response.headers().firstValue("X-Gantry-Log-Name").orElse(name), response.body(),
                Long.parseLong(response.headers().firstValue("X-Gantry-Next-Offset").orElseThrow(
                        () -> new ServiceException(response.statusCode(), "the service's answer lacks"
                                + " X-Gantry-Next-Offset", null))),
                response.headers().firstValue("X-Gantry-Log-Complete").map(Boolean::parseBoolean).orElse(false));
    }

    public Caller whoami() {
        return read(json(request("/api/v1/whoami").GET().build()), Caller.class);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(service + pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private JsonNode json(HttpRequest request) {
        HttpResponse<byte[]> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw error(response);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ServiceException(response.statusCode(), "the service at " + service + " answered "
                    + request.method() + " " + request.uri().getPath() + " with something other than JSON", null);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ServiceUnreachableException(service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnreachableException(service, e);
        }
    }

    /** The service's own line when it sent one; else (a proxy's page, say) the status and where it came from. */
    private ServiceException error(HttpResponse<byte[]> response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.path("error").isTextual()) {
                return new ServiceException(response.statusCode(), body.path("error").asText(),
                        body.path("field").isTextual() ? body.path("field").asText() : null);
            }
        } catch (IOException e) {
            // Not the service's JSON: answered below.
        }
        return new ServiceException(response.statusCode(), "HTTP " + response.statusCode() + " from " + service
                + response.request().uri().getPath(), null);
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the service's answer is not a " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
