package dev.gantry.localcluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The embedded cluster's page at {@code /}, as a Mesos master has its web UI there: agents with
 * their GPUs and which framework's task holds each, frameworks with their resources and offers. A
 * page and its script; the data is the master's own {@code /master/state}, read by the browser, so
 * the page sees no more than any client of the master (and asks for the same credentials).
 */
final class ClusterPageEndpoint implements HttpHandler {
    private static final String DIRECTORY = "dev/gantry/localcluster/ui/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/ui/cluster.js", "cluster.js",
            "/ui/cluster.css", "cluster.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String file = FILES.get(exchange.getRequestURI().getPath());
        if (file == null) {
            HttpExchanges.respond(exchange, 404, "No such endpoint: " + exchange.getRequestURI().getPath());
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            HttpExchanges.respond(exchange, 405, "");
            return;
        }
        byte[] body;
        try (InputStream in = ClusterPageEndpoint.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                HttpExchanges.respond(exchange, 404, "this build has no cluster page");
                return;
            }
            body = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Type", TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
        exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }
}
