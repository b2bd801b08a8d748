package dev.gantry.localcluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * A standby master's answer to an operator call: 307 to the same path and query on the leader,
 * protocol-relative ({@code //host:port/api/v1}), as Mesos' {@code Master::Http::redirect} builds
 * it, so that tools pointed at any master of an HA set reach the leader.
 */
final class LeaderRedirect implements HttpHandler {
    private final String leaderAuthority;

    LeaderRedirect(String leaderAuthority) {
        this.leaderAuthority = leaderAuthority;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath();
        if (exchange.getRequestURI().getRawQuery() != null) {
            target += "?" + exchange.getRequestURI().getRawQuery();
        }
        exchange.getResponseHeaders().set("Location", "//" + leaderAuthority + target);
        HttpExchanges.respond(exchange, 307, "");
    }
}
