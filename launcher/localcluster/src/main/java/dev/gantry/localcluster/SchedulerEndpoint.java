package dev.gantry.localcluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.gantry.protocol.MediaType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Optional;
import java.time.Duration;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/scheduler}, answering as a Mesos master does, in Mesos' order of checks:
 * leadership (307), method (405), authentication (401), Content-Type (400, 415), body (400, 413),
 * call validation (400), Accept on SUBSCRIBE (406), then the framework's state (400, 403).
 */
final class SchedulerEndpoint implements HttpHandler {
    static final String PATH = "/api/v1/scheduler";
    static final String REALM = "mesos-master-scheduler";
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerEndpoint.class);
    private static final Duration CALL_PATIENCE = Duration.ofSeconds(30);

    private final Master master;
    private final FrameworkCredentials credentials;
    private final int maxRequestBytes;
    private final URI leader;

    /** A leading master's endpoint. */
    SchedulerEndpoint(Master master, FrameworkCredentials credentials, int maxRequestBytes) {
        this.master = master;
        this.credentials = credentials;
        this.maxRequestBytes = maxRequestBytes;
        this.leader = null;
    }

    /** A standby master's endpoint: every scheduler is sent to {@code leader}. */
    SchedulerEndpoint(URI leader) {
        this.master = null;
        this.credentials = null;
        this.maxRequestBytes = 0;
        this.leader = leader;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals(PATH) && !path.equals("/master" + PATH)) {
            HttpExchanges.respond(exchange, 404, "No such endpoint: " + path);
            return;
        }
        if (leader != null) {
            // Protocol-relative, exactly as a non-leading Mesos master answers.
            exchange.getResponseHeaders().set("Location", "//" + leader.getAuthority() + PATH);
            HttpExchanges.respond(exchange, 307, "");
            return;
        }
        if (!HttpExchanges.isPost(exchange)) {
            return;
        }
        Optional<String> principal = Optional.empty();
        if (credentials != null) {
            principal = credentials.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            if (principal.isEmpty()) {
                HttpExchanges.challenge(exchange, REALM);
                return;
            }
        }
        Optional<Call> read = HttpExchanges.readCall(exchange, maxRequestBytes, Call.newBuilder());
        if (read.isEmpty()) {
            return;
        }
        Call call = read.get();
        Optional<String> invalid = CallValidation.validate(call, principal);
        if (invalid.isPresent()) {
            HttpExchanges.respond(exchange, 400, "Failed to validate scheduler::Call: " + invalid.get());
            return;
        }
        String streamId = exchange.getRequestHeaders().getFirst("Mesos-Stream-Id");
        if (call.getType() == Call.Type.SUBSCRIBE) {
            subscribe(exchange, call, principal, streamId);
            return;
        }
        CallResult result = HttpExchanges.await(exchange, master.call(call, principal, streamId), CALL_PATIENCE);
        if (result == null) {
            return;
        }
        HttpExchanges.respond(exchange, result.status(), result.body());
    }

    private void subscribe(HttpExchange exchange, Call call, Optional<String> principal, String streamIdHeader)
            throws IOException {
        Optional<MediaType> accept = MediaType.fromAccept(exchange.getRequestHeaders().getFirst("Accept"));
        if (accept.isEmpty()) {
            HttpExchanges.respond(exchange, 406, "Expecting 'Accept' to allow '" + MediaType.PROTOBUF.value()
                    + "' or '" + MediaType.JSON.value() + "'");
            return;
        }
        if (streamIdHeader != null) {
            HttpExchanges.respond(exchange, 400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
            return;
        }
        EventStream stream = new EventStream(accept.get());
        exchange.getResponseHeaders().set("Content-Type", accept.get().value());
        exchange.getResponseHeaders().set("Mesos-Stream-Id", stream.streamId);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        if (exchange instanceof ServerExchange ours) {
            // The scheduler's closed connection ends the stream at once, as in Mesos, not a missed heartbeat later.
            ours.onPeerClosed(stream::close);
        }
        master.subscribe(stream, call.getSubscribe(), principal);
        try (OutputStream out = exchange.getResponseBody()) {
            stream.pump(out);
        } catch (IOException e) {
            LOG.debug("event stream {} ended: {}", stream.streamId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stream.close();
            master.streamEnded(stream);
            exchange.close();
        }
    }
}
