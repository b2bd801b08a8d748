package dev.gantry.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The metrics of {@code gantry serve} (docs/service-metrics.md), in one Prometheus registry: the
 * parts of the service record what happens through the typed methods here, and gauges that read
 * the cluster are brought up to date just before each scrape ({@link #onScrape}).
 *
 * <p>Labels are low-cardinality and never personal: team, role, agent, job id, reason, state.
 * Job names, users and tokens never become a label; callers pass only those.
 */
public final class ServiceMetrics {
    static final String QUEUE_WAIT = "gantry.queue.wait";
    static final String PLACEMENT_ROUND = "gantry.placement.round";
    static final String OFFERS_RECEIVED = "gantry.offers.received";
    static final String OFFERS_DECLINED = "gantry.offers.declined";
    static final String DRIVER_LAUNCHES = "gantry.driver.launches";
    static final String DRIVER_FAILURES = "gantry.driver.failures";
    static final String JOB_OUTCOMES = "gantry.job.outcomes";
    /**
     * Prometheus' text format, which every Prometheus reads. Spelled here, as the client's own
     * constant is in a jar Micrometer keeps off the compile class path.
     */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    /** Waits run from seconds (a free cluster) to hours (a full one): buckets that tell those apart. */
    private static final Duration[] WAIT_BUCKETS = durations(1, 5, 15, 30, 60, 300, 900, 1800, 3600, 4 * 3600,
            12 * 3600);
    /** A planning round reads the store and the master: milliseconds when well, seconds when not. */
    private static final Duration[] ROUND_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();
    private final Timer placementRounds;
    private final Counter offersReceived;

    public ServiceMetrics() {
        // Present from the start, so that a dashboard shows 0 rather than "no data" on a quiet service.
        placementRounds = Timer.builder(PLACEMENT_ROUND).description("The dispatcher's planning rounds: read the"
                + " queue and the cluster, decide with the queue policy, carry it out")
                .serviceLevelObjectives(ROUND_BUCKETS).register(registry);
        offersReceived = Counter.builder(OFFERS_RECEIVED).description("Offers the service's framework received")
                .register(registry);
    }

    /** A job left the queue by starting, {@code waited} after it joined it (submitted, preempted or requeued). */
    public void queueWait(String team, Duration waited) {
        Timer.builder(QUEUE_WAIT).description("Time from joining the queue to starting, per team")
                .tag("team", team).serviceLevelObjectives(WAIT_BUCKETS).register(registry)
                .record(waited.isNegative() ? Duration.ZERO : waited);
    }

    public void placementRound(Duration took) {
        placementRounds.record(took);
    }

    public void offersReceived(int count) {
        offersReceived.increment(count);
    }

    /** {@code count} offers declined, for {@code reason}: one of a few fixed words, never free text. */
    public void offersDeclined(String reason, int count) {
        Counter.builder(OFFERS_DECLINED).description("Offers the service's framework declined, by reason")
                .tag("reason", reason).register(registry).increment(count);
    }

    /** A driver task was launched (ACCEPTed) in {@code role}. */
    public void driverLaunched(String role) {
        Counter.builder(DRIVER_LAUNCHES).description("Driver tasks launched, by role").tag("role", role)
                .register(registry).increment();
    }

    /** A driver task ended in failure of the kind {@code reason} (FailureKind's name). */
    public void driverFailed(String reason) {
        Counter.builder(DRIVER_FAILURES).description("Driver tasks that failed, by failure kind")
                .tag("reason", reason).register(registry).increment();
    }

    /** A job of {@code team} reached the final state {@code state}. */
    public void jobFinished(String team, String state) {
        Counter.builder(JOB_OUTCOMES).description("Jobs that reached a final state, by team and state")
                .tag("team", team).tag("state", state).register(registry).increment();
    }

    /**
     * Runs {@code refresh} before every scrape, to bring gauges that read the cluster or the queue up
     * to date: what a scrape shows is read when Prometheus asks, never a number cached from earlier.
     */
    public void onScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    /**
     * Every metric in Prometheus' text format. One scrape at a time: two at once would read the
     * master twice and race to set the same gauges.
     */
    public synchronized String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape(TEXT_FORMAT);
    }

    /** The content type of {@link #scrape()}'s text. */
    public String contentType() {
        return TEXT_FORMAT;
    }

    /** For the scrape-time gauges of this package. */
    PrometheusMeterRegistry registry() {
        return registry;
    }

    private static Duration[] durations(long... seconds) {
        Duration[] all = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            all[i] = Duration.ofSeconds(seconds[i]);
        }
        return all;
    }
}
