package dev.gantry.service.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.gantry.service.jobs.SubmissionRejectedException;
import dev.gantry.service.store.NoSuchJobException;
import dev.gantry.service.tenancy.User;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * Every request's way through the API: a permit (or 503), the caller (or 401), the route (or
 * 404/405), the route's answer, and errors turned into one-line JSON. Logs name the method, path,
 * status and user, never a header: the Authorization header carries the token.
 */
final class ApiHandler implements HttpHandler {
    /** A Host header fit to write links with; anything else and links use the address the API is bound to. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    private final Router router;
    private final BearerAuthentication authentication;
    private final Semaphore permits;
    private final Semaphore streams;
    private final String boundUrl;
    private final Logger log;

    ApiHandler(Router router, BearerAuthentication authentication, int maxConcurrentRequests, int maxStreams,
            String boundUrl, Logger log) {
        this.router = router;
        this.authentication = authentication;
        this.permits = new Semaphore(maxConcurrentRequests);
        this.streams = new Semaphore(maxStreams);
        this.boundUrl = boundUrl;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String user = "-";
        ApiResponse response;
        if (!permits.tryAcquire()) {
            response = error(ApiException.unavailable("the service is busy: too many requests at once, try again"));
        } else {
            try {
                User caller = authentication.caller(exchange.getRequestHeaders());
                user = caller.name();
                Router.Match match = router.match(method, path);
                response = match.handler().handle(new ApiRequest(exchange, caller, match.parts(),
                        QueryParams.parse(exchange.getRequestURI().getRawQuery()), baseUrl(exchange)));
            } catch (ApiException e) {
                response = error(e);
            } catch (SubmissionRejectedException e) {
                response = error(ApiException.badRequest(e.field().orElse(null), e.getMessage()));
            } catch (NoSuchJobException e) {
                // The job went between the team check and the call.
                response = error(ApiException.notFound(e.getMessage()));
            } catch (Exception e) {
                log.error("{} {} of {} failed", method, path, user, e);
                response = error(new ApiException(500, null, "internal error of the service; its log has the cause",
                        Map.of()));
            } finally {
                permits.release();
            }
        }
        if (response.streams()) {
            // A stream outlives its request's permit: it holds a stream permit and one of the threads
            // kept for streams instead. Never the server's own thread, which runs a request only when
            // every pool thread is busy and must not be kept.
            if (!(Thread.currentThread() instanceof ApiServer.ApiThread) || !streams.tryAcquire()) {
                response = error(ApiException.unavailable("the service is busy: too many event streams at once,"
                        + " try again or poll instead"));
            } else {
                log.debug("{} {} -> {} streams ({})", method, path, response.status(), user);
                try {
                    stream(exchange, response);
                } finally {
                    streams.release();
                }
                log.debug("{} {} stream ended ({})", method, path, user);
                return;
            }
        }
        send(exchange, response);
        log.debug("{} {} -> {} ({})", method, path, response.status(), user);
    }

    private void stream(HttpExchange exchange, ApiResponse response) {
        try (exchange) {
            headers(exchange, response);
            exchange.sendResponseHeaders(response.status(), 0);
            try (OutputStream out = exchange.getResponseBody()) {
                response.stream().writeTo(out);
            }
        } catch (IOException e) {
            log.debug("stream {} ended: {}", exchange.getRequestURI().getPath(), e.toString());
        } catch (InterruptedException e) {
            // The server closes: the stream just ends, and so does this thread's work.
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Headers are sent: the client sees the stream end, and reconnects from its last event id.
            log.error("stream {} failed", exchange.getRequestURI().getPath(), e);
        }
    }

    private static void headers(HttpExchange exchange, ApiResponse response) {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    }

    private String baseUrl(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host != null && HOST.matcher(host).matches() ? "http://" + host : boundUrl;
    }

    private static ApiResponse error(ApiException e) {
        ApiResponse response = ApiResponse.json(e.status(), new ApiJson.Error(e.getMessage(), e.field()));
        for (Map.Entry<String, String> header : e.headers().entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }

    private void send(HttpExchange exchange, ApiResponse response) {
        try (exchange) {
            headers(exchange, response);
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            log.debug("could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    e.toString());
        }
    }
}
