package dev.gantry.localcluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * {@code /redirect} and {@code /master/redirect}: a real master, leading or not, answers 307 with a
 * protocol-relative {@code Location: //host:port} of the leader, which is how tools find the leader
 * of an HA set; any path below them is 404.
 */
final class RedirectEndpoint implements HttpHandler {
    private final String leaderAuthority;

    /** @param leaderAuthority the leader's {@code host:port} */
    RedirectEndpoint(String leaderAuthority) {
        this.leaderAuthority = leaderAuthority;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/redirect") && !path.equals("/master/redirect")) {
            HttpExchanges.respond(exchange, 404, "No such endpoint: " + path);
            return;
        }
        exchange.getResponseHeaders().set("Location", "//" + leaderAuthority);
        HttpExchanges.respond(exchange, 307, "");
    }
}
