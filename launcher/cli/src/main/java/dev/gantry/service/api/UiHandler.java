package dev.gantry.service.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.gantry.web.WebJarAsset;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web UI's files: the page, its script and style from this package's resources, and uPlot from
 * its WebJar. They hold no data (the page asks the API for it, with the user's token), so they are
 * served without a token; the API's routes still need one.
 *
 * <p>Every answer carries a Content-Security-Policy that lets the page run only its own scripts and
 * talk only to this service, so even a value that slipped into markup could not load or send anything.
 */
final class UiHandler implements HttpHandler {
    static final String PREFIX = "/ui/";
    private static final String OWN = "dev/gantry/service/ui/";
    private static final String UPLOT = "lib/uplot/";
    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9.-]{0,63}");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");
    static final String POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data: blob:;"
            // uPlot sizes its elements through their style attributes.
            + " style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final String uplotDirectory;

    UiHandler() {
        String any = WebJarAsset.locate("uplot", "dist/uPlot.min.css").resourcePath();
        this.uplotDirectory = any.substring(0, any.lastIndexOf('/') + 1);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Optional<String> resource = resource(exchange.getRequestURI().getPath());
            byte[] body = resource.map(UiHandler::read).orElse(null);
            if (body == null) {
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                byte[] message = "no such file of the web UI\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, message.length);
                exchange.getResponseBody().write(message);
                return;
            }
            String name = resource.get();
            exchange.getResponseHeaders().set("Content-Type", TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
            exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The class-path resource for a request path; empty for anything not a file of the UI. */
    Optional<String> resource(String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = path.substring(PREFIX.length());
        if (rest.isEmpty()) {
            rest = "index.html";
        }
        String directory = OWN;
        if (rest.startsWith(UPLOT)) {
            directory = uplotDirectory;
            rest = rest.substring(UPLOT.length());
        }
        // One plain name, never a path: nothing outside the two directories can be asked for.
        if (!NAME.matcher(rest).matches() || rest.contains("..")
                || !TYPES.containsKey(rest.substring(rest.lastIndexOf('.') + 1))) {
            return Optional.empty();
        }
        return Optional.of(directory + rest);
    }

    private static byte[] read(String resource) {
        try (InputStream in = UiHandler.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
