package dev.gantry.service.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.service.jobs.JobService;
import dev.gantry.service.metrics.ServiceMetrics;
import dev.gantry.service.tenancy.TenancySource;
import dev.gantry.service.tenancy.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of {@code gantry serve} over a {@link JobService} (docs/service-api.md).
 *
 * <p>The JDK's own {@code com.sun.net.httpserver}, not a servlet container or framework: the API is
 * a handful of JSON routes for a team's tools, which that server carries with no dependency, no
 * container lifecycle and nothing more to patch. Its executor is bounded: {@code maxConcurrentRequests}
 * threads do the work under as many permits, and a few more only answer 503 when the permits are
 * gone; with every thread busy, the server's own thread runs the request, which finds no permit
 * and answers 503 at once, so nothing queues without bound. Event streams have threads of their own
 * ({@code maxStreams} more, under as many stream permits), so that open streams never leave
 * requests without one.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** Threads beyond the permits, so that a request over the limit is answered 503, not queued. */
    private static final int REFUSING_THREADS = 2;

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI url;

    private ApiServer(HttpServer server, ExecutorService executor, URI url) {
        this.server = server;
        this.executor = executor;
        this.url = url;
    }

    /** Serves {@code jobs} to the users of {@code tenancy} as it is at each request. */
    public static ApiServer start(JobService jobs, TenancySource tenancy, ApiSettings settings) {
        return start(jobs, token -> tenancy.current().authenticate(token), settings);
    }

    /** As {@link #start(JobService, TenancySource, ApiSettings)}, and {@code metrics} on {@code GET /metrics}. */
    public static ApiServer start(JobService jobs, TenancySource tenancy, ApiSettings settings,
            ServiceMetrics metrics) {
        return start(jobs, token -> tenancy.current().authenticate(token), settings, Optional.of(metrics), LOG);
    }

    /** Serves {@code jobs} to whoever {@code authenticator} finds for a bearer token. */
    public static ApiServer start(JobService jobs, Function<String, Optional<User>> authenticator,
            ApiSettings settings) {
        return start(jobs, authenticator, settings, Optional.empty(), LOG);
    }

    /** As {@link #start(JobService, Function, ApiSettings)}, and {@code metrics} on {@code GET /metrics}. */
    public static ApiServer start(JobService jobs, Function<String, Optional<User>> authenticator,
            ApiSettings settings, ServiceMetrics metrics) {
        return start(jobs, authenticator, settings, Optional.of(metrics), LOG);
    }

    /** With the logger given, so a test can read what is logged. */
    static ApiServer start(JobService jobs, Function<String, Optional<User>> authenticator, ApiSettings settings,
            Logger log) {
        return start(jobs, authenticator, settings, log, ProgressStream.Timing.DEFAULT);
    }

    /** With the streams' timing given, so a test need not wait for a keep-alive. */
    static ApiServer start(JobService jobs, Function<String, Optional<User>> authenticator, ApiSettings settings,
            Logger log, ProgressStream.Timing timing) {
        return start(jobs, authenticator, settings, Optional.empty(), log, timing);
    }

    private static ApiServer start(JobService jobs, Function<String, Optional<User>> authenticator,
            ApiSettings settings, Optional<ServiceMetrics> metrics, Logger log) {
        return start(jobs, authenticator, settings, metrics, log, ProgressStream.Timing.DEFAULT);
    }

    private static ApiServer start(JobService jobs, Function<String, Optional<User>> authenticator,
            ApiSettings settings, Optional<ServiceMetrics> metrics, Logger log, ProgressStream.Timing timing) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.address(), settings.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.address().getHostAddress() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        URI url = url(settings.address(), server.getAddress().getPort());
        Router router = new Router();
        new JobRoutes(jobs, settings.maxBodyBytes()).addTo(router);
        new LogRoutes(jobs).addTo(router);
        new CallerRoutes(jobs).addTo(router);
        metrics.ifPresent(m -> new MetricsRoutes(m).addTo(router));
        new ProgressRoutes(jobs, timing).addTo(router);
        new ClusterRoutes(jobs).addTo(router);
        ApiHandler api = new ApiHandler(router, new BearerAuthentication(authenticator),
                settings.maxConcurrentRequests(), settings.maxStreams(), url.toString(), log);
        server.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/")) {
                redirect(exchange, UiHandler.PREFIX);
            } else {
                api.handle(exchange);
            }
        });
        server.createContext(UiHandler.PREFIX, new UiHandler());
        int threads = settings.maxConcurrentRequests() + REFUSING_THREADS + settings.maxStreams();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemonThreads(), new ThreadPoolExecutor.CallerRunsPolicy());
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        server.start();
        log.info("API listening on {}", url);
        return new ApiServer(server, executor, url);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where the API is, e.g. {@code http://127.0.0.1:8088}; a wildcard address shows as this host's name. */
    public URI url() {
        return url;
    }

    /** Stops listening, lets requests under way finish for up to a second, and ends the threads. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    /** A browser that asks for the service's root gets the web UI. */
    private static void redirect(HttpExchange exchange, String to) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Location", to);
            exchange.sendResponseHeaders(302, -1);
        }
    }

    private static URI url(InetAddress address, int port) {
        String host;
        if (address.isAnyLocalAddress()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = InetAddress.getLoopbackAddress().getHostAddress();
            }
        } else {
            host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        }
        return URI.create("http://" + host + ":" + port);
    }

    /** A thread of the API's pool: only these may hold a stream (never the server's own thread). */
    static final class ApiThread extends Thread {
        ApiThread(Runnable runnable, String name) {
            super(runnable, name);
            setDaemon(true);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> new ApiThread(runnable, "gantry-api-" + count.incrementAndGet());
    }
}
