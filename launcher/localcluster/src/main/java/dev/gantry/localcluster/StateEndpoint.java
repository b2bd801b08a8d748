package dev.gantry.localcluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;

/** {@code GET /state} (also {@code /master/state}): the cluster as JSON, read-only. */
final class StateEndpoint implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Master master;
    private final FrameworkCredentials credentials;

    StateEndpoint(Master master, FrameworkCredentials credentials) {
        this.master = master;
        this.credentials = credentials;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/state") && !path.equals("/master/state") && !path.equals("/state.json")
                && !path.equals("/master/state.json")) {
            HttpExchanges.respond(exchange, 404, "No such endpoint: " + path);
            return;
        }
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            HttpExchanges.respond(exchange, 405, "Expecting 'GET', but received '" + exchange.getRequestMethod() + "'");
            return;
        }
        // With framework authentication on, the state (task names, sandboxes) is not public either.
        if (credentials != null
                && credentials.authenticate(exchange.getRequestHeaders().getFirst("Authorization")).isEmpty()) {
            // Mesos serves /master/state in its read-only realm.
            HttpExchanges.challenge(exchange, "mesos-master-readonly");
            return;
        }
        StateView state = HttpExchanges.await(exchange, master.state(), PATIENCE);
        if (state == null) {
            return;
        }
        HttpExchanges.respondJson(exchange, 200, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state.json()));
    }
}
