package dev.gantry.service.jobs;

import dev.gantry.mesos.Credential;
import dev.gantry.mesos.MasterOperator;
import dev.gantry.mesos.MasterState;
import dev.gantry.queue.QueuePolicy;
import dev.gantry.run.ClusterView;
import dev.gantry.run.MasterProbe;
import dev.gantry.service.drivers.DriverFramework;
import dev.gantry.service.drivers.GantryInstall;
import dev.gantry.service.drivers.SupervisionPolicy;
import dev.gantry.service.metrics.ClusterGauges;
import dev.gantry.service.metrics.GpuUse;
import dev.gantry.service.metrics.QueueGauges;
import dev.gantry.service.metrics.ServiceMetrics;
import dev.gantry.service.metrics.TrainingGauges;
import dev.gantry.service.store.DriverPlacement;
import dev.gantry.service.store.DatabaseConfig;
import dev.gantry.service.store.JdbcJobStore;
import dev.gantry.service.store.JobQuery;
import dev.gantry.service.store.JobState;
import dev.gantry.service.store.JobStore;
import dev.gantry.service.tenancy.Tenancy;
import dev.gantry.service.tenancy.TenancySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code gantry serve} without its HTTP front: the store, the service's Mesos framework for the
 * drivers, and the dispatcher that queues, starts, preempts and supervises jobs, all on one master
 * (a real one, or the embedded cluster the CLI started). Closing it leaves the drivers running: a
 * service started again with the same store subscribes as the same framework and re-attaches them.
 */
public final class GantryService implements AutoCloseable {
    private static final Duration MASTER_TIMEOUT = Duration.ofSeconds(10);
    /** A scrape waits for the master's state: Prometheus' own scrape timeout is 10 s by default. */
    private static final Duration METRICS_MASTER_TIMEOUT = Duration.ofSeconds(3);

    /**
     * @param master       the Mesos master jobs run on, {@code mesos://host:5050}
     * @param credential   the service's principal and secret where the master authenticates frameworks
     * @param dataDirectory where the embedded database and jobs' default output directories go
     * @param tickInterval how often the queue is decided besides after each submission and update
     * @param driverCpus   CPUs of each driver task
     * @param driverMemMb  memory of each driver task (the launcher and driver JVMs of {@code gantry run})
     */
    public record Settings(String master, Optional<Credential> credential, Path dataDirectory, TenancySource tenancy,
                           DatabaseConfig database, QueuePolicy policy, SupervisionPolicy supervision,
                           GantryInstall install, Duration tickInterval, double driverCpus, double driverMemMb,
                           Optional<String> webuiUrl) {
        public Settings {
            Objects.requireNonNull(master, "master");
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Objects.requireNonNull(tenancy, "tenancy");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(supervision, "supervision");
            Objects.requireNonNull(install, "install");
            Objects.requireNonNull(webuiUrl, "webuiUrl");
        }

        /** The defaults around the given parts: fair share, the default supervision, this Gantry's install, 1 CPU and 2 GB per driver. */
        public static Settings of(String master, Path dataDirectory, Tenancy tenancy, DatabaseConfig database) {
            return new Settings(master, Optional.empty(), dataDirectory, TenancySource.fixed(tenancy), database,
                    QueuePolicy.named("fair-share"), SupervisionPolicy.DEFAULT, GantryInstall.current(),
                    Duration.ofSeconds(2), 1, 2048, Optional.empty());
        }

        /** The tenancy as it changes while the service runs (its file watched), rather than as given. */
        public Settings withTenancy(TenancySource chosen) {
            return new Settings(master, credential, dataDirectory, chosen, database, policy, supervision, install,
                    tickInterval, driverCpus, driverMemMb, webuiUrl);
        }

        public Settings withPolicy(QueuePolicy chosen) {
            return new Settings(master, credential, dataDirectory, tenancy, database, chosen, supervision, install,
                    tickInterval, driverCpus, driverMemMb, webuiUrl);
        }

        public Settings withSupervision(SupervisionPolicy chosen) {
            return new Settings(master, credential, dataDirectory, tenancy, database, policy, chosen, install,
                    tickInterval, driverCpus, driverMemMb, webuiUrl);
        }

        public Settings withInstall(GantryInstall chosen) {
            return new Settings(master, credential, dataDirectory, tenancy, database, policy, supervision, chosen,
                    tickInterval, driverCpus, driverMemMb, webuiUrl);
        }

        public Settings withCredential(Optional<Credential> chosen) {
            return new Settings(master, chosen, dataDirectory, tenancy, database, policy, supervision, install,
                    tickInterval, driverCpus, driverMemMb, webuiUrl);
        }

        public Settings withDriverResources(double cpus, double memMb) {
            return new Settings(master, credential, dataDirectory, tenancy, database, policy, supervision, install,
                    tickInterval, cpus, memMb, webuiUrl);
        }

        public Settings withWebuiUrl(String url) {
            return new Settings(master, credential, dataDirectory, tenancy, database, policy, supervision, install,
                    tickInterval, driverCpus, driverMemMb, Optional.of(url));
        }
    }

    private final JobStore store;
    private final Dispatcher dispatcher;
    private final DriverFramework framework;
    private final ServiceJobs jobs;
    private final ServiceMetrics metrics;

    private GantryService(JobStore store, Dispatcher dispatcher, DriverFramework framework, ServiceJobs jobs,
            ServiceMetrics metrics) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.framework = framework;
        this.jobs = jobs;
        this.metrics = metrics;
    }

    /** Opens the store, subscribes the service's framework and starts deciding; returns at once. */
    public static GantryService start(Settings settings) {
        ServiceMetrics metrics = new ServiceMetrics();
        JobStore store = new MeteredJobStore(JdbcJobStore.open(settings.database()), metrics);
        try {
            Clock clock = Clock.systemUTC();
            Supplier<ClusterView> cluster = () -> MasterProbe.read(settings.master(), settings.credential());
            Supplier<String> state = masterState(MasterOperator.of(settings.master(), settings.credential(),
                    MASTER_TIMEOUT));
            DriverLaunches launches = new DriverLaunches(settings.dataDirectory(), settings.install(),
                    settings.driverCpus(), settings.driverMemMb());
            Dispatcher dispatcher = new Dispatcher(store, settings.tenancy(), settings.policy(), cluster, launches,
                    new DriverUpdateRules(store, settings.supervision(), clock), clock, metrics);
            DriverFramework framework = DriverFramework.start(frameworkSettings(settings, store), dispatcher, metrics);
            dispatcher.start(framework, settings.tickInterval());
            JobLogs logs = new JobLogs(state, store::frameworkId, HttpClient.newBuilder()
                    .connectTimeout(MASTER_TIMEOUT).build());
            Supplier<ClusterUsage> usage = () -> ClusterUsages.of(MasterState.parse(state.get()), store.frameworkId(),
                    store::find);
            ServiceJobs jobs = new ServiceJobs(store, new SpecCheck(framework.master(), cluster), dispatcher, logs,
                    usage, clock);
            registerGauges(metrics, settings, store, dispatcher, jobs);
            return new GantryService(store, dispatcher, framework, jobs, metrics);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static Supplier<String> masterState(MasterOperator operator) {
        return () -> {
            try {
                return operator.state();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the master's state", e);
            }
        };
    }

    /**
     * The gauges read at each scrape: the queue as the dispatcher left it, the cluster's GPUs, and how
     * the running jobs train.
     */
    private static void registerGauges(ServiceMetrics metrics, Settings settings, JobStore store,
            Dispatcher dispatcher, ServiceJobs jobs) {
        QueueGauges.register(metrics, () -> {
            Map<String, Integer> waiting = new TreeMap<>();
            settings.tenancy().current().teams().keySet().forEach(team -> waiting.put(team, 0));
            dispatcher.queue().forEach(entry -> waiting.merge(entry.team(), 1, Integer::sum));
            return waiting;
        });
        Supplier<String> state = masterState(MasterOperator.of(settings.master(), settings.credential(),
                METRICS_MASTER_TIMEOUT));
        ClusterGauges.register(metrics, state, () -> store.list(JobQuery.all().inStates(JobState.withDriver()))
                .stream().map(job -> new GpuUse.RunningJob(job.id(), job.team(),
                        job.driverPlacement().map(DriverPlacement::taskId))).toList(), DriverLaunches.JOB_LABEL);
        TrainingGauges.register(metrics, () -> store.list(JobQuery.all().inStates(JobState.RUNNING)).stream()
                .flatMap(job -> jobs.progressSummary(job.id()).map(p -> new TrainingGauges.JobTraining(job.id(),
                        job.team(), p.samplesPerSecond(), p.loss(), p.step())).stream())
                .toList());
    }

    private static DriverFramework.Settings frameworkSettings(Settings settings, JobStore store) {
        List<String> roles = List.copyOf(settings.tenancy().roles());
        DriverFramework.Settings.Builder builder = DriverFramework.Settings.builder(settings.master())
                .roles(roles.isEmpty() ? List.of("*") : roles);
        settings.credential().ifPresent(builder::credential);
        store.frameworkId().ifPresent(builder::frameworkId);
        settings.webuiUrl().ifPresent(builder::webuiUrl);
        return builder.build();
    }

    public JobService jobs() {
        return jobs;
    }

    /** What the service counts and measures, for {@code GET /metrics}. */
    public ServiceMetrics metrics() {
        return metrics;
    }

    /** Waits until the master accepted the service's framework; gives its id. */
    public String awaitSubscribed(Duration timeout) throws InterruptedException, java.util.concurrent.TimeoutException {
        return framework.awaitSubscribed(timeout);
    }

    public String master() {
        return framework.master();
    }

    /** Stops deciding and leaves the master; running drivers go on, for the next start to re-attach. */
    @Override
    public void close() {
        dispatcher.close();
        framework.close();
        store.close();
    }
}
