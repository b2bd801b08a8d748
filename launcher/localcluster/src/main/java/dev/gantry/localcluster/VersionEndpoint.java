package dev.gantry.localcluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import org.apache.mesos.v1.Protos.VersionInfo;

/**
 * {@code /version}: a real master answers any method with 200 and
 * {@code {"build_date":..,"build_time":..,"build_user":..,"version":..}}. It has no
 * {@code /master/version} (404 there).
 */
final class VersionEndpoint implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VersionInfo version;

    VersionEndpoint(VersionInfo version) {
        this.version = version;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/version")) {
            HttpExchanges.respond(exchange, 404, "No such endpoint: " + path);
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("build_date", version.getBuildDate());
        // Plain notation with one decimal, as Mesos prints it (1796614616.0), not Jackson's 1.796614616E9.
        body.put("build_time", java.math.BigDecimal.valueOf((long) version.getBuildTime()).setScale(1));
        body.put("build_user", version.getBuildUser());
        body.put("version", version.getVersion());
        HttpExchanges.respondJson(exchange, 200, JSON.writeValueAsBytes(body));
    }
}
