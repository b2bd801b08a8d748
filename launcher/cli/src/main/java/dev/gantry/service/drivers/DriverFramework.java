package dev.gantry.service.drivers;

import dev.gantry.mesos.Credential;
import dev.gantry.mesos.FrameworkInfos;
import dev.gantry.mesos.SchedulerClient;
import dev.gantry.service.metrics.ServiceMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's own Mesos framework, through which it runs jobs' drivers as Mesos tasks (cluster
 * mode). {@link #start} subscribes to the master with the service's {@link FrameworkInfo}
 * (checkpointing, a failover timeout, its role(s) and principal, and the framework id of an earlier
 * run when the service has one, so that it comes back as the same framework with its drivers
 * still running); the client keeps the subscription alive from then on.
 *
 * <ul>
 * <li>{@link #launch} queues a driver until an offer of its role fits it, then launches it: the task
 *     runs {@link DriverRequest#command()} (a real driver: {@code gantry run} of the spec with
 *     {@code --master} this framework's master, so that the job's executors are placed as for any
 *     {@code gantry run}).
 * <li>Every update of every driver task reaches the {@link DriverListener}, read into a
 *     {@link DriverUpdate} (failure kind, exit code, whether a retry can fix it), and is then
 *     acknowledged.
 * <li>{@link #reconcile} asks the master for the real state of the given driver tasks: after a
 *     restart, the ones the store says are running. RUNNING ones are re-attached (tracked, and their
 *     updates flow again); ones the master does not know come back TASK_LOST, a retryable failure.
 *     Tracked tasks are reconciled again after every resubscription and every
 *     {@link Settings#reconcileInterval()}.
 * <li>{@link #kill} kills a driver (or drops one still waiting for an offer).
 * <li>Offers are declined while no driver waits, and the roles suppressed; a launch revives its role.
 * </ul>
 * The framework never relaunches a driver by itself: {@link SupervisionPolicy} tells the service
 * whether and when, and the service launches the next attempt.
 */
public final class DriverFramework implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverFramework.class);

    private final Settings settings;
    private final DriverScheduler scheduler;
    private final SchedulerClient client;
    private final ScheduledExecutorService timer;

    private DriverFramework(Settings settings, DriverListener listener, ServiceMetrics metrics) {
        this.settings = settings;
        this.scheduler = new DriverScheduler(listener, settings.master(), settings.roles(), metrics);
        SchedulerClient.Builder builder = SchedulerClient.builder()
                .master(settings.master())
                .frameworkInfo(settings.frameworkInfo())
                // Nothing waits yet: no offers until a launch revives its role.
                .suppressedRoles(settings.roles())
                .backoff(settings.subscribeBackoffInitial(), settings.subscribeBackoffMax())
                .listener(scheduler);
        settings.credential().ifPresent(builder::credential);
        this.client = builder.build();
        scheduler.attach(client);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gantry-drivers-reconciliation");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Subscribes (on the client's thread) and returns at once; {@link #awaitSubscribed} waits for it. */
    public static DriverFramework start(Settings settings, DriverListener listener) {
        return start(settings, listener, new ServiceMetrics());
    }

    /**
     * As {@link #start(Settings, DriverListener)}, counting offers, declines, driver launches and
     * failures in {@code metrics}.
     */
    public static DriverFramework start(Settings settings, DriverListener listener, ServiceMetrics metrics) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(metrics, "metrics");
        DriverFramework framework = new DriverFramework(settings, listener, metrics);
        framework.client.start();
        long every = settings.reconcileInterval().toMillis();
        framework.timer.scheduleWithFixedDelay(() -> {
            try {
                framework.scheduler.reconcileTracked();
            } catch (RuntimeException e) {
                LOG.warn("periodic reconciliation failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return framework;
    }

    /**
     * Waits until subscribed.
     *
     * @return the framework id: store it and give it back ({@link Settings.Builder#frameworkId}) on restart
     * @throws TimeoutException      when not subscribed in time (the message names the last problem)
     * @throws IllegalStateException when the master refused the framework for good
     */
    public String awaitSubscribed(Duration timeout) throws InterruptedException, TimeoutException {
        return client.awaitSubscribed(timeout).getValue();
    }

    public Optional<String> frameworkId() {
        return client.frameworkId().map(FrameworkID::getValue);
    }

    /** The master as given in the settings; drivers get it as {@code --master}. */
    public String master() {
        return settings.master();
    }

    /**
     * Queues {@code request}'s driver; it is launched from the first offer of its role that fits
     * it. Its updates, from TASK_STAGING on, reach the listener.
     *
     * @throws IllegalArgumentException when its role is none of the framework's, or the same task
     *                                  (job and attempt) waits or runs already
     */
    public void launch(DriverRequest request) {
        scheduler.launch(Objects.requireNonNull(request, "request"));
    }

    /**
     * Kills driver task {@code taskId}: its listener gets TASK_KILLED, which is no failure. A driver
     * still waiting for an offer is dropped at once (TASK_KILLED is told before this returns).
     * Completes when the master accepted the KILL.
     */
    public CompletableFuture<Void> kill(String taskId) {
        return scheduler.kill(Objects.requireNonNull(taskId, "taskId"));
    }

    /**
     * Explicit reconciliation of {@code taskIds}, e.g. the drivers the store says run, after a
     * restart: each one's state as the master knows it reaches the listener
     * ({@link DriverUpdate#fromReconciliation()}); RUNNING ones are re-attached, unknown ones come
     * back TASK_LOST (retryable). Before the subscription the tasks are remembered and reconciled
     * once it is there. Completes when the master accepted the call (the answers come as updates).
     */
    public CompletableFuture<Void> reconcile(Collection<String> taskIds) {
        return scheduler.reconcile(new ArrayList<>(taskIds));
    }

    /** Driver tasks waiting for an offer. */
    public Set<String> waiting() {
        return scheduler.pending();
    }

    /** Driver tasks launched or reconciled and not known to have ended. */
    public Set<String> tracked() {
        return scheduler.active();
    }

    /** The roles this framework asked the master not to offer, because no driver waits in them. */
    public Set<String> suppressedRoles() {
        return scheduler.suppressedRoles();
    }

    /**
     * Leaves without TEARDOWN: drivers keep running for the failover timeout, and a framework
     * started with the same framework id re-attaches them ({@link #reconcile}).
     */
    @Override
    public void close() {
        timer.shutdownNow();
        client.close();
    }

    /** The service is going away for good: the master kills every driver and forgets the framework. */
    public CompletableFuture<Void> teardown() {
        timer.shutdownNow();
        return client.teardown();
    }

    /**
     * How the framework subscribes.
     *
     * @param master          {@code mesos://host:5050}, {@code mesos://zk://host:2181/mesos}, an embedded
     *                        cluster's URL; drivers get it as {@code --master}
     * @param roles           the roles drivers are launched in; {@code *} by default
     * @param frameworkId     the id of this service's framework from an earlier run, to come back as
     * @param failoverTimeout how long the master keeps the drivers running while the service is away
     */
    public record Settings(String master, String name, List<String> roles, Optional<String> principal,
                           Optional<Credential> credential, Duration failoverTimeout, Optional<String> frameworkId,
                           Optional<String> user, Optional<String> webuiUrl, Duration reconcileInterval,
                           Duration subscribeBackoffInitial, Duration subscribeBackoffMax) {
        public Settings {
            Objects.requireNonNull(master, "master");
            Objects.requireNonNull(name, "name");
            roles = List.copyOf(roles);
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(failoverTimeout, "failoverTimeout");
            Objects.requireNonNull(frameworkId, "frameworkId");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(webuiUrl, "webuiUrl");
            Objects.requireNonNull(reconcileInterval, "reconcileInterval");
            if (roles.isEmpty()) {
                throw new IllegalArgumentException("the framework needs at least one role");
            }
            if (reconcileInterval.isNegative() || reconcileInterval.isZero()) {
                throw new IllegalArgumentException("the reconcile interval must be positive: " + reconcileInterval);
            }
            if (principal.isPresent() && credential.isPresent() && !principal.get().equals(credential.get().principal())) {
                throw new IllegalArgumentException("principal '" + principal.get() + "' differs from the credential's '"
                        + credential.get().principal() + "'");
            }
        }

        public static Builder builder(String master) {
            return new Builder(master);
        }

        /** The FrameworkInfo subscribed with. */
        FrameworkInfo frameworkInfo() {
            FrameworkInfos info = FrameworkInfos.builder(name).roles(roles).checkpoint(true)
                    .failoverTimeout(failoverTimeout);
            principal.or(() -> credential.map(Credential::principal)).ifPresent(info::principal);
            user.ifPresent(info::user);
            webuiUrl.ifPresent(info::webuiUrl);
            FrameworkInfo built = info.build();
            return frameworkId.map(id -> built.toBuilder().setId(FrameworkID.newBuilder().setValue(id)).build())
                    .orElse(built);
        }

        /** Builds {@link Settings}; only the master is required. */
        public static final class Builder {
            private final String master;
            private String name = "gantry-service";
            private List<String> roles = List.of("*");
            private String principal;
            private Credential credential;
            private Duration failoverTimeout = Duration.ofDays(7);
            private String frameworkId;
            private String user;
            private String webuiUrl;
            private Duration reconcileInterval = Duration.ofMinutes(5);
            private Duration backoffInitial = Duration.ofMillis(500);
            private Duration backoffMax = Duration.ofSeconds(30);

            private Builder(String master) {
                this.master = Objects.requireNonNull(master, "master");
            }

            /** The framework's name; {@code gantry-service} unless set. */
            public Builder name(String chosen) {
                this.name = chosen;
                return this;
            }

            public Builder roles(List<String> chosen) {
                this.roles = List.copyOf(chosen);
                return this;
            }

            public Builder roles(String... chosen) {
                return roles(List.of(chosen));
            }

            /** FrameworkInfo.principal without authentication (or the credential's, which it must equal). */
            public Builder principal(String chosen) {
                this.principal = chosen;
                return this;
            }

            /** Authenticates as {@code chosen}'s principal (HTTP Basic), which also becomes FrameworkInfo.principal. */
            public Builder credential(Credential chosen) {
                this.credential = chosen;
                return this;
            }

            /** The secret of {@code principal} from a file, as Mesos' {@code --credential} files hold it. */
            public Builder credentialFromFile(String chosenPrincipal, Path secretFile) {
                return credential(Credential.fromFile(chosenPrincipal, secretFile));
            }

            /** The secret of {@code principal} from an environment variable. */
            public Builder credentialFromEnvironment(String chosenPrincipal, String variable) {
                return credential(Credential.fromEnvironment(chosenPrincipal, variable));
            }

            /** Seven days unless set: long enough to restart or move the service without losing a driver. */
            public Builder failoverTimeout(Duration chosen) {
                this.failoverTimeout = chosen;
                return this;
            }

            /** The id the service's framework got from the master before: subscribe as that framework again. */
            public Builder frameworkId(String chosen) {
                this.frameworkId = chosen;
                return this;
            }

            /** The OS user drivers run as; the service's own unless set. */
            public Builder user(String chosen) {
                this.user = chosen;
                return this;
            }

            /** The service's web UI, linked from the Mesos UI. */
            public Builder webuiUrl(String chosen) {
                this.webuiUrl = chosen;
                return this;
            }

            /** How often tracked driver tasks are reconciled besides after each subscription; 5 minutes unless set. */
            public Builder reconcileInterval(Duration chosen) {
                this.reconcileInterval = chosen;
                return this;
            }

            /** Delays between SUBSCRIBE attempts while no master answers. */
            public Builder subscribeBackoff(Duration initial, Duration max) {
                this.backoffInitial = initial;
                this.backoffMax = max;
                return this;
            }

            public Settings build() {
                return new Settings(master, name, roles, Optional.ofNullable(principal), Optional.ofNullable(credential),
                        failoverTimeout, Optional.ofNullable(frameworkId), Optional.ofNullable(user),
                        Optional.ofNullable(webuiUrl), reconcileInterval, backoffInitial, backoffMax);
            }
        }
    }
}
