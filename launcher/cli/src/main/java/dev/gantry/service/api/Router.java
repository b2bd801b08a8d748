package dev.gantry.service.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes a request by method and path to its handler: a path no route has is 404, a method its
 * routes lack is 405 with {@code Allow}. A handful of routes: a list of patterns reads plainer
 * than a framework's annotations.
 */
final class Router {
    /** A path's variable part: one segment, never a slash, so a log name cannot climb out of its job. */
    static final String PART = "([^/]+)";

    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request) throws IOException;
    }

    /** A handler with the path's parts found, waiting for the caller and the rest of the request. */
    record Match(Handler handler, List<String> parts) {}

    private record Route(String method, Pattern path, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route; {@code path} is a regular expression with {@link #PART} for each variable segment. */
    Router route(String method, String path, Handler handler) {
        routes.add(new Route(method, Pattern.compile(path), handler));
        return this;
    }

    Match match(String method, String path) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Matcher m = route.path().matcher(path);
            if (!m.matches()) {
                continue;
            }
            if (route.method().equals(method)) {
                List<String> parts = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    parts.add(m.group(i));
                }
                return new Match(route.handler(), parts);
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw ApiException.notFound("no such route: " + path);
        }
        throw ApiException.methodNotAllowed(method + " is not allowed on " + path + " (allowed: "
                + String.join(", ", allowed) + ")", String.join(", ", allowed));
    }
}
