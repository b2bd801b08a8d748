package dev.gantry.mesos;

import dev.gantry.protocol.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens an event stream: one SUBSCRIBE to a master, following 307 redirects to the leader. */
final class MasterConnector {
    private static final Logger LOG = LoggerFactory.getLogger(MasterConnector.class);

    /** Redirects followed per SUBSCRIBE; masters that disagree on the leader redirect in circles. */
    static final int MAX_REDIRECTS = 5;
    private static final int ERROR_BODY_LIMIT = 16 * 1024;

    private final HttpClient http;
    private final SchedulerRequests requests;
    private final Credential credential;
    private final BlockingSection blocking;

    MasterConnector(HttpClient http, SchedulerRequests requests, Credential credential, BlockingSection blocking) {
        this.http = http;
        this.requests = requests;
        this.credential = credential;
        this.blocking = blocking;
    }

    /**
     * Sends SUBSCRIBE to {@code endpoint}.
     *
     * @param leaderFound told of each redirect target: the master named there is the leader for
     *     every later call, even if this attempt fails
     * @throws InterruptedException when the client is closing
     */
    SubscribeOutcome subscribe(URI endpoint, Call subscribe, Consumer<URI> leaderFound) throws InterruptedException {
        URI target = endpoint;
        for (int redirects = 0; ; redirects++) {
            HttpResponse<InputStream> response;
            try {
                URI to = target;
                response = blocking.run(() -> http.send(requests.subscribe(to, subscribe),
                        HttpResponse.BodyHandlers.ofInputStream()));
            } catch (IOException e) {
                return new SubscribeOutcome.Unavailable("cannot reach the master at " + target + ": " + describe(e));
            }
            int status = response.statusCode();
            if (status == 200) {
                return connected(target, response);
            }
            String body = readText(response);
            if (status == 307) {
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty()) {
                    return new SubscribeOutcome.Unavailable("the master at " + target + " redirected without a Location");
                }
                if (redirects == MAX_REDIRECTS) {
                    return new SubscribeOutcome.Unavailable("gave up after " + MAX_REDIRECTS
                            + " redirects; the last, from " + target + ", was to " + location.get());
                }
                URI leader;
                try {
                    leader = MasterAddresses.redirect(target, location.get());
                } catch (IllegalArgumentException e) {
                    return new SubscribeOutcome.Unavailable(e.getMessage());
                }
                LOG.info("master {} is not the leader; following its redirect to {}", target, leader);
                leaderFound.accept(leader);
                target = leader;
                continue;
            }
            if (status == 401) {
                return new SubscribeOutcome.Refused(unauthorized(target, response, body));
            }
            String answer = "the master at " + target + " answered SUBSCRIBE with HTTP " + status
                    + (body.isEmpty() ? "" : ": " + body);
            // 503: no leader elected yet, or the leader is still recovering its state. 404: a master
            // still installing its HTTP routes; the official scheduler library retries both.
            return status >= 500 || status == 404 ? new SubscribeOutcome.Unavailable(answer)
                    : new SubscribeOutcome.Refused(answer);
        }
    }

    private SubscribeOutcome connected(URI endpoint, HttpResponse<InputStream> response) {
        Optional<String> streamId = response.headers().firstValue(SchedulerRequests.STREAM_ID_HEADER);
        Optional<String> contentType = response.headers().firstValue("Content-Type");
        Optional<MediaType> mediaType = contentType.flatMap(MediaType::fromContentType);
        if (streamId.isEmpty() || streamId.get().isBlank() || mediaType.isEmpty()) {
            closeQuietly(response.body());
            return new SubscribeOutcome.Refused("the answer of " + endpoint + " to SUBSCRIBE is no Mesos event stream"
                    + (streamId.isEmpty() ? " (no " + SchedulerRequests.STREAM_ID_HEADER + " header)" : "")
                    + (mediaType.isEmpty() ? " (Content-Type " + contentType.orElse("missing") + ")" : ""));
        }
        return new SubscribeOutcome.Connected(endpoint, streamId.get(), mediaType.get(), response.body());
    }

    private String unauthorized(URI endpoint, HttpResponse<?> response, String body) {
        String challenge = response.headers().firstValue("WWW-Authenticate").map(c -> ", " + c).orElse("");
        String detail = body.isEmpty() ? "" : ": " + body;
        if (credential == null) {
            return "the master at " + endpoint + " requires authentication (HTTP 401" + challenge + detail
                    + "); give the client a Credential";
        }
        return "the master at " + endpoint + " refused the credential of principal '" + credential.principal()
                + "' (HTTP 401" + challenge + detail + ")";
    }

    private String readText(HttpResponse<InputStream> response) throws InterruptedException {
        try (InputStream body = response.body()) {
            return blocking.run(() -> new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8)).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** An exception and its causes in a line; the JDK HttpClient often wraps a message-less exception around the telling one. */
    static String describe(Throwable e) {
        if (e instanceof ConnectException && e.getMessage() == null) {
            // How the JDK HttpClient reports a refused connection (its cause: ClosedChannelException).
            return "connection refused or closed";
        }
        StringBuilder text = new StringBuilder();
        String previous = null;
        int depth = 0;
        for (Throwable cause = e; cause != null && depth < 8; cause = cause.getCause(), depth++) {
            String piece = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            if (!piece.equals(previous)) {
                text.append(text.length() > 0 ? ": " : "").append(piece);
            }
            previous = piece;
        }
        return text.toString();
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            LOG.debug("closing an answer body failed", e);
        }
    }
}
