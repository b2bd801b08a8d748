package dev.gantry.localcluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * {@code /health} and {@code /master/health}: a real master answers 200 with an empty body to any
 * method; load balancers and supervisors probe it.
 */
final class HealthEndpoint implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/health") && !path.equals("/master/health")) {
            HttpExchanges.respond(exchange, 404, "No such endpoint: " + path);
            return;
        }
        HttpExchanges.respond(exchange, 200, "");
    }
}
