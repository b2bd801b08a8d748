package dev.gantry.service.api;

import dev.gantry.service.metrics.ServiceMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /metrics}: the service's metrics for Prometheus (docs/service-metrics.md). Any user's
 * token reads them, as Prometheus sends one from its {@code credentials_file}: they name teams,
 * roles, agents and job ids, never a job's name, a user or a token.
 */
final class MetricsRoutes {
    private final ServiceMetrics metrics;

    MetricsRoutes(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    Router addTo(Router router) {
        return router.route("GET", "/metrics", this::scrape);
    }

    private ApiResponse scrape(ApiRequest request) {
        // No query check: Prometheus may add its own parameters, and none changes the answer.
        return new ApiResponse(200, metrics.contentType(), metrics.scrape().getBytes(StandardCharsets.UTF_8),
                Map.of());
    }
}
