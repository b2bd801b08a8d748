package dev.gantry.service.jobs;

import dev.gantry.queue.JobStart;
import dev.gantry.queue.Preemption;
import dev.gantry.queue.QueueDecision;
import dev.gantry.queue.QueuePolicy;
import dev.gantry.queue.QueueState;
import dev.gantry.queue.WaitingJob;
import dev.gantry.run.ClusterView;
import dev.gantry.service.drivers.DriverFramework;
import dev.gantry.service.drivers.DriverListener;
import dev.gantry.service.drivers.DriverRequest;
import dev.gantry.service.drivers.DriverUpdate;
import dev.gantry.service.metrics.ServiceMetrics;
import dev.gantry.service.store.DriverPlacement;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobQuery;
import dev.gantry.service.store.JobState;
import dev.gantry.service.store.JobStore;
import dev.gantry.service.tenancy.Team;
import dev.gantry.service.tenancy.TenancySource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one decision maker. On one thread, so that no two decisions race: every tick it
 * reads the waiting and running jobs from the store and the agents from the master, asks the queue
 * policy what to start and whom to preempt, and carries that out (a start moves the job to STARTING
 * with its driver's task id before the launch, so that a restart in between finds the task by
 * reconciliation or learns it was lost). Driver updates ({@link DriverUpdateRules}) and cancels come
 * onto the same thread, each followed by a tick.
 *
 * <p>After a restart it first reconciles every driver the store says exists: running ones are
 * re-attached, lost ones are relaunched as the supervision policy says.
 */
public final class Dispatcher implements DriverListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final JobStore store;
    private final TenancySource tenancy;
    private final QueuePolicy policy;
    private final Supplier<ClusterView> cluster;
    private final DriverLaunches launches;
    private final DriverUpdateRules rules;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final ScheduledExecutorService loop;
    private final ActiveRuns runs = new ActiveRuns();
    private final StoredSpecs specs;
    private final AtomicBoolean tickPending = new AtomicBoolean();
    private volatile List<QueueEntry> queue = List.of();
    private volatile DriverFramework drivers;

    Dispatcher(JobStore store, TenancySource tenancy, QueuePolicy policy, Supplier<ClusterView> cluster,
               DriverLaunches launches, DriverUpdateRules rules, Clock clock, ServiceMetrics metrics) {
        this.store = store;
        this.tenancy = tenancy;
        this.policy = policy;
        this.cluster = cluster;
        this.launches = launches;
        this.rules = rules;
        this.clock = clock;
        this.metrics = metrics;
        this.specs = new StoredSpecs(store, clock);
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gantry-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts deciding with {@code framework}, first re-attaching the drivers the store knows. */
    void start(DriverFramework framework, Duration tickInterval) {
        this.drivers = framework;
        loop.execute(this::reattach);
        loop.scheduleWithFixedDelay(this::tick, 0, tickInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Decide again soon: a job was submitted or cancelled. */
    void wake() {
        if (tickPending.compareAndSet(false, true)) {
            loop.execute(() -> {
                tickPending.set(false);
                tick();
            });
        }
    }

    /** Kills a cancelled job's driver, on the dispatcher's thread. */
    void killDriver(Job job) {
        job.driverPlacement().ifPresent(driver -> loop.execute(() -> drivers.kill(driver.taskId())));
        wake();
    }

    StoredSpecs specs() {
        return specs;
    }

    List<QueueEntry> queue() {
        return queue;
    }

    @Override
    public void subscribed(String frameworkId) {
        loop.execute(() -> {
            if (!store.frameworkId().filter(frameworkId::equals).isPresent()) {
                store.recordFrameworkId(frameworkId);
            }
        });
    }

    @Override
    public void update(DriverUpdate update) {
        loop.execute(() -> {
            try {
                rules.apply(update, drivers::kill, runs);
            } catch (RuntimeException e) {
                LOG.error("could not apply the update {} to the store", update, e);
            }
            tick();
        });
    }

    private void reattach() {
        List<String> tasks = new ArrayList<>();
        for (Job job : store.list(JobQuery.all().inStates(JobState.withDriver()))) {
            job.driverPlacement().ifPresent(driver -> tasks.add(driver.taskId()));
        }
        if (!tasks.isEmpty()) {
            LOG.info("reconciling {} driver(s) the store says exist: {}", tasks.size(), tasks);
            drivers.reconcile(tasks);
        }
    }

    private void tick() {
        if (drivers == null) {
            return;
        }
        // Elapsed time, not the service's clock: the clock may be a test's, or jump.
        long began = System.nanoTime();
        try {
            decide();
        } catch (RuntimeException e) {
            // The next tick tries again: a master that does not answer for a moment stops no job.
            LOG.warn("could not decide the queue: {}", e.getMessage(), e);
        } finally {
            metrics.placementRound(Duration.ofNanos(System.nanoTime() - began));
        }
    }

    private void decide() {
        ClusterView view = cluster.get();
        Instant now = clock.instant();
        Map<String, Team> teams = tenancy.current().teams();
        List<QueueEntry> held = new ArrayList<>();
        Map<Job, CheckedJob> ready = new LinkedHashMap<>();
        for (Job job : store.list(JobQuery.all().inStates(JobState.waiting()))) {
            if (!teams.containsKey(job.team())) {
                held.add(new QueueEntry(job.id(), job.team(), 0, "team " + job.team() + " is not in the tenancy file"));
                continue;
            }
            Optional<CheckedJob> checked = specs.of(job);
            if (checked.isEmpty()) {
                continue;
            }
            Optional<Instant> backoff = runs.backoffUntil(job.id());
            if (!runs.mayLaunch(job.id(), now)) {
                held.add(new QueueEntry(job.id(), job.team(), 0, "BACKOFF: relaunches after " + backoff.orElse(now)));
                continue;
            }
            ready.put(job, checked.get());
        }
        Map<Job, CheckedJob> active = new LinkedHashMap<>();
        for (Job job : store.list(JobQuery.all().inStates(JobState.withDriver()))) {
            if (teams.containsKey(job.team())) {
                specs.of(job).ifPresent(checked -> active.put(job, checked));
            }
        }
        QueueState state = QueueStates.of(now, teams, ready, active, view, runs);
        QueueDecision decision = policy.decide(state);
        Map<String, Job> byId = new HashMap<>();
        ready.keySet().forEach(job -> byId.put(Long.toString(job.id()), job));
        for (Preemption preemption : decision.preemptions()) {
            preempt(preemption, now);
        }
        for (JobStart start : decision.starts()) {
            Job job = byId.get(start.job().id());
            launch(job, ready.get(job), teams.get(job.team()), start, now);
        }
        List<QueueEntry> entries = new ArrayList<>();
        int position = 1;
        for (WaitingJob waiting : decision.waiting()) {
            entries.add(new QueueEntry(Long.parseLong(waiting.job().id()), waiting.job().team(), position++,
                    waiting.reason() + ": " + waiting.detail()));
        }
        for (QueueEntry entry : held) {
            entries.add(new QueueEntry(entry.jobId(), entry.team(), position++, entry.reason()));
        }
        queue = List.copyOf(entries);
    }

    private void launch(Job job, CheckedJob checked, Team team, JobStart start, Instant now) {
        DriverRequest request = launches.request(job, checked, team, job.attempts() + 1);
        String why = (start.backfilled() ? "backfilled" : "its turn") + " under " + policy.name() + ": "
                + start.workersPerAgent();
        if (job.output().isEmpty()) {
            store.recordOutputDirectory(job.id(), request.outputDirectory().toString());
        }
        if (store.start(job.id(), job.state(), DriverPlacement.launched(request.taskId()), now, why).isEmpty()) {
            return; // cancelled meanwhile
        }
        runs.planned(job.id(), start.workersPerAgent());
        LOG.info("job {} starts ({}): driver {}", job.id(), why, request.taskId());
        drivers.launch(request);
    }

    private void preempt(Preemption preemption, Instant now) {
        long id = Long.parseLong(preemption.job().id());
        Optional<Job> job = store.find(id).filter(j -> j.state() == JobState.RUNNING);
        if (job.isEmpty()) {
            return;
        }
        String why = preemption.reason() + (preemption.forJobId() == null ? "" : " for job " + preemption.forJobId())
                + ": " + preemption.detail();
        if (store.transition(id, JobState.RUNNING, JobState.PREEMPTING, now, why).isPresent()) {
            LOG.info("job {} is preempted ({}); it resumes from its checkpoint later", id, why);
            job.get().driverPlacement().ifPresent(driver -> drivers.kill(driver.taskId()));
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
