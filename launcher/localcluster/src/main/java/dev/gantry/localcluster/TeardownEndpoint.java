package dev.gantry.localcluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;

/**
 * {@code POST /master/teardown} (also {@code /teardown}): Mesos' v0 operator endpoint that tears
 * a framework down, with the body {@code frameworkId=<id>} read as a query string whatever its
 * Content-Type. Answers as Mesos 1.x does, in its order: 401 when authentication is on and the
 * request has no valid credentials, 405 for another method, 400 for a body that does not decode,
 * 400 for a missing {@code frameworkId}, 400 for an id the master does not know (or has removed
 * already), else 200 once the framework is removed. With no ACLs, as on a master without an
 * authorizer, every authenticated principal may tear down any framework, so there is no 403.
 */
final class TeardownEndpoint implements HttpHandler {
    static final String REALM = "mesos-master-readwrite";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Master master;
    private final FrameworkCredentials credentials;
    private final int maxRequestBytes;

    TeardownEndpoint(Master master, FrameworkCredentials credentials, int maxRequestBytes) {
        this.master = master;
        this.credentials = credentials;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/master/teardown") && !path.equals("/teardown")) {
            HttpExchanges.respond(exchange, 404, "No such endpoint: " + path);
            return;
        }
        // Mesos authenticates HTTP requests before its handlers run, so 401 comes before 405.
        Optional<String> principal = Optional.empty();
        if (credentials != null) {
            principal = credentials.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            if (principal.isEmpty()) {
                HttpExchanges.challenge(exchange, REALM);
                return;
            }
        }
        if (!HttpExchanges.isPost(exchange)) {
            return;
        }
        byte[] body;
        try {
            body = HttpExchanges.readBody(exchange, maxRequestBytes);
        } catch (HttpExchanges.TooLarge e) {
            HttpExchanges.respond(exchange, 413, e.getMessage());
            return;
        }
        Map<String, String> form;
        try {
            form = decodeQuery(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            HttpExchanges.respond(exchange, 400, "Unable to decode query string: " + e.getMessage());
            return;
        }
        String frameworkId = form.get("frameworkId");
        if (frameworkId == null) {
            HttpExchanges.respond(exchange, 400, "Missing 'frameworkId' query parameter in the request body");
            return;
        }
        CallResult result = HttpExchanges.await(exchange, master.teardown(frameworkId, principal), PATIENCE);
        if (result == null) {
            return;
        }
        HttpExchanges.respond(exchange, result.status(), result.body());
    }

    /** {@code a=1&b=x%20y}, as libprocess' {@code http::query::decode} reads it; the last of repeated keys wins. */
    static Map<String, String> decodeQuery(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.strip().split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.put(key, value);
        }
        return values;
    }
}
