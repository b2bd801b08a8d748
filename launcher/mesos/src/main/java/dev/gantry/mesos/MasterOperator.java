package dev.gantry.mesos;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The operator endpoints of a Mesos master's v0 HTTP API that Gantry's commands use:
 * {@code GET /master/state} and {@code POST /master/teardown}. With a credential every request
 * carries HTTP Basic authentication, as a master started with {@code --authenticate_http_readonly}
 * or {@code --authenticate_http_readwrite} requires; the secret is never logged or shown.
 *
 * <p>Several masters ({@code mesos://m1:5050,m2:5050}) are tried in order until one answers; a
 * standby answers with a redirect to the leader, which is followed. With
 * {@code mesos://zk://host:2181/mesos} each request goes to the leader ZooKeeper names then.
 */
public final class MasterOperator {
    private static final int ERROR_BODY_LIMIT = 1000;

    private final List<URI> masters;
    private final ZooKeeperUrl zooKeeper;
    private final Credential credential;
    private final Duration timeout;
    private final HttpClient http;

    private MasterOperator(List<URI> masters, ZooKeeperUrl zooKeeper, Credential credential, Duration timeout) {
        this.masters = masters;
        this.zooKeeper = zooKeeper;
        this.credential = credential;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                // A standby master redirects operator requests to the leader (307, method kept).
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout)
                .build();
    }

    /**
     * @param master as people write it: {@code mesos://host:5050}, {@code http://host:5050}, or a
     *     comma-separated list
     * @param credential principal and secret for HTTP Basic authentication; empty for none
     * @param timeout for connecting and for each answer
     * @throws IllegalArgumentException for an address that cannot be a master's
     */
    public static MasterOperator of(String master, Optional<Credential> credential, Duration timeout) {
        if (ZooKeeperUrl.isZooKeeper(master)) {
            return new MasterOperator(List.of(), ZooKeeperUrl.parse(master), credential.orElse(null), timeout);
        }
        return new MasterOperator(MasterAddresses.parse(master), null, credential.orElse(null), timeout);
    }

    /**
     * The master's HTTP base URI, e.g. {@code http://host:5050} (the first, when several were
     * given); with ZooKeeper its URL, password hidden.
     */
    public URI base() {
        return zooKeeper != null ? URI.create(zooKeeper.toString()) : masters.get(0);
    }

    /** The masters for one request; an operator's requests are few, so ZooKeeper is read for each. */
    private List<URI> masters() throws IOException, InterruptedException {
        if (zooKeeper == null) {
            return masters;
        }
        try (ZooKeeperMasterDetector detector = new ZooKeeperMasterDetector(zooKeeper, timeout)) {
            return detector.candidates(null).stream().map(MasterAddresses::baseOf).toList();
        }
    }

    /**
     * {@code GET /master/state}: the master's state as JSON text. Real Mesos names agents
     * {@code slaves} there; Gantry's embedded master writes both {@code agents} and {@code slaves}.
     *
     * @throws IOException when no master can be reached; the message says why (for each, when several)
     * @throws OperatorCallException when the master answers with an error status (401 without valid credentials)
     */
    public String state() throws IOException, InterruptedException {
        return send("GET /master/state", base -> request(base, "/master/state").GET().build());
    }

    /**
     * {@code POST /master/teardown} with {@code frameworkId=<id>}: the master kills the framework's
     * tasks and executors and removes it; it answers 200 once removed, 400 for an unknown id.
     *
     * @throws IOException when no master can be reached
     * @throws OperatorCallException when the master refuses (400 unknown id, 401, 403)
     */
    public void teardown(String frameworkId) throws IOException, InterruptedException {
        String form = "frameworkId=" + URLEncoder.encode(frameworkId, StandardCharsets.UTF_8);
        send("POST /master/teardown", base -> request(base, "/master/teardown")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpRequest.Builder request(URI base, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (credential != null) {
            request.header("Authorization", credential.basicAuthorization());
        }
        return request;
    }

    private String send(String what, Function<URI, HttpRequest> build)
            throws IOException, InterruptedException {
        StringBuilder failures = new StringBuilder();
        List<URI> masters = masters();
        for (URI base : masters) {
            HttpResponse<String> response;
            try {
                response = http.send(build.apply(base), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                failures.append(failures.length() > 0 ? "; " : "")
                        .append(masters.size() > 1 ? base + ": " : "").append(MasterConnector.describe(e));
                continue;
            }
            if (response.statusCode() / 100 != 2) {
                String body = response.body().strip();
                throw new OperatorCallException(what, response.statusCode(),
                        body.length() > ERROR_BODY_LIMIT ? body.substring(0, ERROR_BODY_LIMIT) + " [...]" : body);
            }
            return response.body();
        }
        throw new IOException(failures.toString());
    }

    @Override
    public String toString() {
        return "MasterOperator[" + (zooKeeper != null ? zooKeeper : masters) + (credential != null ? ", principal=" + credential.principal() : "") + "]";
    }
}
