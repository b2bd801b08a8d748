package dev.gantry.spark;

import dev.gantry.mesos.AgentFiles;
import dev.gantry.mesos.FrameworkInfos;
import dev.gantry.mesos.MasterAddresses;
import dev.gantry.mesos.SchedulerClient;
import dev.gantry.mesos.SchedulerListener;
import dev.gantry.offers.OfferPool;
import dev.gantry.offers.OfferViews;
import dev.gantry.placement.AgentLaunch;
import dev.gantry.placement.Amounts;
import dev.gantry.placement.ClusterState;
import dev.gantry.placement.Decline;
import dev.gantry.placement.DeclineReason;
import dev.gantry.placement.Demand;
import dev.gantry.placement.ExecutorAllocation;
import dev.gantry.placement.OfferView;
import dev.gantry.placement.Placer;
import dev.gantry.placement.Plan;
import dev.gantry.protocol.TaskStates;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.scheduler.ExecutorExited;
import org.apache.spark.scheduler.ExecutorLossReason;
import org.apache.spark.scheduler.ExecutorProcessLost;
import org.apache.spark.scheduler.TaskSchedulerImpl;
import org.apache.spark.scheduler.cluster.CoarseGrainedSchedulerBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's coarse-grained scheduler backend on Mesos: executors are Mesos tasks, one per
 * executor, placed by Gantry's placement engine from the offers the master sends.
 *
 * <p>Spark drives it from its threads (start, stop, executor requests and kills); the Mesos
 * client drives it from its event thread (offers, status updates). One lock guards the state
 * both touch; calls to the master never block under it.
 */
final class MesosSchedulerBackend extends CoarseGrainedSchedulerBackend implements SchedulerListener {
    private static final Logger LOG = LoggerFactory.getLogger(MesosSchedulerBackend.class);
    private static final Pattern EXIT_STATUS = Pattern.compile("exited with status (\\d+)");

    /**
     * One executor task the backend launched and has not seen end; {@code agentUrl} is null where
     * the offer had none. {@code launchedNanos} dates the ACCEPT, for launches that never report.
     */
    private record Executor(AgentID agentId, String hostname, Amounts resources, URI agentUrl, long launchedNanos) {}

    private final TaskSchedulerImpl taskScheduler;
    private final SparkContext sc;
    private final MesosBackendConf conf;
    private final Placer placer = new Placer();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Executor> executors = new LinkedHashMap<>();
    private final ExecutorFailures failures = new ExecutorFailures();
    private final Map<String, Offer> heldOffers = new LinkedHashMap<>();
    /** Executors that have sent any status: the others are launches still in flight. */
    private final Set<String> reported = new HashSet<>();
    private volatile Reconciliation reconciliation;
    private final AgentFiles agentFiles = new AgentFiles(HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build());
    /** Once executors keep failing and the last failure's stderr is in, why the application ends. */
    private volatile String launchFailure;
    /** Whether the application has asked for {@link #launchFailure} since it was set. */
    private volatile boolean launchFailureHeard;
    /** Which constraint no agent met, while the last round that judged agents admitted none. */
    private volatile String unmetConstraints;
    private int targetExecutors;
    private int nextExecutorId;
    private boolean suppressed;
    private long gangWaitingSince = -1;
    private boolean stopping;
    /** Set once start() has subscribed: from then on, losing the master ends the application. */
    private boolean running;
    /** Why the client stopped on its own (the master removed the framework, or refused it); null while it runs. */
    private String lostReason;
    private volatile String masterError;
    private volatile SchedulerClient client;
    private volatile ExecutorTaskBuilder tasks;
    private volatile String appId;

    MesosSchedulerBackend(TaskSchedulerImpl scheduler, SparkContext sc, MesosBackendConf conf) {
        super(scheduler, sc.env().rpcEnv());
        this.taskScheduler = scheduler;
        this.sc = sc;
        this.conf = conf;
        this.targetExecutors = conf.dynamicAllocation() ? 0 : conf.staticExecutors();
    }

    @Override
    public void start() {
        super.start();
        FrameworkInfos info = FrameworkInfos.builder(sc.appName())
                .user(sc.sparkUser())
                .roles(conf.role())
                .gpuResources(true)
                .failoverTimeout(Duration.ofMillis((long) (conf.failoverTimeoutSeconds() * 1000)))
                .checkpoint(sc.conf().getBoolean("spark.mesos.checkpoint", false));
        String webUi = sc.conf().contains("spark.mesos.driver.webui.url") ? sc.conf().get("spark.mesos.driver.webui.url")
                : sc.ui().isDefined() ? sc.ui().get().webUrl() : null;
        if (webUi != null) {
            info.webuiUrl(webUi);
        }
        SchedulerClient.Builder builder = SchedulerClient.builder().master(conf.master()).listener(this);
        conf.principal().ifPresent(info::principal);
        conf.credential().ifPresent(builder::credential);
        client = builder.frameworkInfo(info.build()).build();
        tasks = ExecutorTasks.builder(sc, conf, driverUrl(), () -> appId);
        client.start();
        Duration timeout = Duration.ofMillis(sc.conf().getTimeAsMs("spark.gantry.subscribeTimeout", "60s"));
        try {
            FrameworkID id = client.awaitSubscribed(timeout);
            appId = id.getValue();
        } catch (Exception e) {
            lock.lock();
            try {
                // The client's stop below is ours: SparkContext reports this failure, stopped() must not.
                stopping = true;
            } finally {
                lock.unlock();
            }
            client.close();
            throw new IllegalStateException("cannot subscribe to the Mesos master " + MasterAddresses.printable(conf.master()) + ": "
                    + e.getMessage(), e);
        }
        String lostEarly;
        lock.lock();
        try {
            running = true;
            lostEarly = lostReason;
        } finally {
            lock.unlock();
        }
        if (lostEarly != null) {
            throw new IllegalStateException(FrameworkLoss.describe(lostEarly, masterError, MasterAddresses.printable(conf.master()), appId));
        }
        reconciliation = new Reconciliation(conf.reconcileInterval(), this::reconcileAndExpire);
        LOG.info("subscribed to {} as framework {}; {} executor(s) of {} wanted", MasterAddresses.printable(conf.master()), appId,
                conf.dynamicAllocation() ? "dynamically allocated" : String.valueOf(targetExecutors), conf.shape());
    }

    private String driverUrl() {
        return "spark://" + CoarseGrainedSchedulerBackend.ENDPOINT_NAME() + "@" + sc.conf().get("spark.driver.host")
                + ":" + sc.conf().get("spark.driver.port");
    }

    @Override
    public String applicationId() {
        return appId != null ? appId : super.applicationId();
    }

    /**
     * As on YARN and Kubernetes, jobs wait for 80% of the executors asked for (up to
     * {@code spark.scheduler.maxRegisteredResourcesWaitingTime}) unless
     * {@code spark.scheduler.minRegisteredResourcesRatio} says otherwise, so that the first job
     * does not run on the first executor to arrive.
     */
    @Override
    public double minRegisteredRatio() {
        return sc.conf().contains("spark.scheduler.minRegisteredResourcesRatio") ? super.minRegisteredRatio() : 0.8;
    }

    /** Ready once executors are in, or once they cannot come: then the application learns why instead of waiting. */
    @Override
    public boolean isReady() {
        return launchFailure != null || super.isReady();
    }

    @Override
    public boolean sufficientResourcesRegistered() {
        return totalRegisteredExecutors().get() >= targetExecutors * minRegisteredRatio();
    }

    /**
     * Set on the event thread, before the first OFFERS event is dispatched: offers can arrive
     * before {@code start()} has returned from waiting for the subscription, and executors'
     * command lines need the application id.
     */
    @Override
    public void subscribed(FrameworkID frameworkId, org.apache.mesos.v1.scheduler.Protos.Event.Subscribed subscribed) {
        appId = frameworkId.getValue();
        Map<String, AgentID> known;
        lock.lock();
        try {
            // Offers of an earlier subscription are void: the master rescinded them when the stream ended.
            heldOffers.clear();
            known = knownExecutors();
        } finally {
            lock.unlock();
        }
        // After every (re)subscription, as Mesos asks: the known executors by name, then all the
        // master knows of this framework, so that tasks it kept but the backend lost are found.
        if (!known.isEmpty()) {
            client.reconcile(Reconciliation.explicit(known)).exceptionally(e -> logCallFailure("RECONCILE", e));
        }
        client.reconcile(List.of()).exceptionally(e -> logCallFailure("RECONCILE", e));
    }

    @Override
    public void disconnected(String reason) {
        lock.lock();
        try {
            heldOffers.clear();
        } finally {
            lock.unlock();
        }
    }

    private Map<String, AgentID> knownExecutors() {
        Map<String, AgentID> known = new LinkedHashMap<>();
        executors.forEach((id, executor) -> known.put(id, executor.agentId()));
        return known;
    }

    /**
     * The periodic check: every executor's state asked of the master (a launch the master lost
     * comes back TASK_LOST and is replaced), and launches that have sent no status at all within
     * {@code spark.gantry.executor.startTimeout} killed and replaced.
     */
    private void reconcileAndExpire() {
        Map<String, AgentID> known;
        Map<String, Executor> expired = new LinkedHashMap<>();
        List<Runnable> calls = new ArrayList<>();
        String giveUp = null;
        lock.lock();
        try {
            if (stopping) {
                return;
            }
            long now = System.nanoTime();
            executors.forEach((id, executor) -> {
                if (!reported.contains(id) && now - executor.launchedNanos() > conf.executorStartTimeoutNanos()) {
                    expired.put(id, executor);
                }
            });
            expired.keySet().forEach(executors::remove);
            for (Executor executor : expired.values()) {
                String why = failures.failed(executor.agentId().getValue(), true, failureLimit());
                giveUp = giveUp != null ? giveUp : why;
            }
            if (giveUp != null) {
                declineHeld(calls, conf.declines().demandSatisfied());
            }
            if (!expired.isEmpty()) {
                reviveIfShort(calls);
            }
            known = knownExecutors();
        } finally {
            lock.unlock();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(conf.executorStartTimeoutNanos());
        expired.forEach((id, executor) -> {
            LOG.error("executor {} on agent {} ({}) sent no status within {} s of its launch; killing it", id,
                    executor.agentId().getValue(), executor.hostname(), seconds);
            client.kill(TaskID.newBuilder().setValue(id).build(), executor.agentId())
                    .exceptionally(e -> logCallFailure("KILL", e));
            removeExecutor(id, new ExecutorProcessLost("sent no status within " + seconds + " s of its launch",
                    Option.apply(executor.hostname()), false));
        });
        calls.forEach(Runnable::run);
        if (giveUp != null) {
            String message = "executors keep failing: " + giveUp + "; the last sent no status within " + seconds
                    + " s of its launch";
            launchFailure = message;
            abortApplication(message, () -> launchFailureHeard);
        }
        if (!known.isEmpty()) {
            client.reconcile(Reconciliation.explicit(known)).exceptionally(e -> logCallFailure("RECONCILE", e));
        }
    }

    // ------------------------------------------------------------------ offers

    @Override
    public void offers(List<Offer> offers) {
        List<Runnable> calls = new ArrayList<>();
        lock.lock();
        try {
            for (Offer offer : offers) {
                heldOffers.put(offer.getId().getValue(), offer);
                failures.offered(offer.getAgentId().getValue());
            }
            if (stopping) {
                declineHeld(calls, 0);
            } else if (failures.givenUp()) {
                declineHeld(calls, conf.declines().demandSatisfied());
            } else {
                planRound(calls);
            }
        } finally {
            lock.unlock();
        }
        calls.forEach(Runnable::run);
    }

    @Override
    public void rescind(OfferID offerId) {
        lock.lock();
        try {
            heldOffers.remove(offerId.getValue());
        } finally {
            lock.unlock();
        }
    }

    /** What the application asks of the placement engine; {@link PlacementPreview} asks the same. */
    static Demand demand(MesosBackendConf conf, int targetExecutors) {
        return new Demand(conf.shape(), targetExecutors, conf.coresMax(), conf.gpusMax(), conf.constraints(),
                conf.policy(), conf.gang().orElse(null), conf.gpuAgentUse(), false, conf.declines());
    }

    List<ExecutorPlacement> placements() {
        lock.lock();
        try {
            List<ExecutorPlacement> out = new ArrayList<>(executors.size());
            executors.forEach((id, e) -> out.add(new ExecutorPlacement(id, e.agentId().getValue(), e.hostname(),
                    e.resources().cpus(), e.resources().memMb(), e.resources().gpus())));
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** One placement round over every offer held; collects the calls to make once the lock is released. */
    private void planRound(List<Runnable> calls) {
        List<OfferView> views = new ArrayList<>(heldOffers.size());
        for (Offer offer : heldOffers.values()) {
            views.add(OfferViews.of(offer));
        }
        Plan plan = placer.plan(views, demand(conf, targetExecutors), clusterState());
        gangWaitingSince = plan.gangWaitingSinceMillis();
        noteConstraints(plan);
        for (AgentLaunch launch : plan.launches()) {
            List<TaskInfo> launched = new ArrayList<>();
            Offer first = heldOffers.get(launch.offerIds().get(0));
            String hostname = first.getHostname();
            URI agentUrl = AgentFiles.agentUrl(first).orElse(null);
            AgentID agentId = AgentID.newBuilder().setValue(launch.agentId()).build();
            OfferPool offered = OfferPool.of(launch.offerIds().stream().map(heldOffers::get).toList());
            for (ExecutorAllocation allocation : launch.executors()) {
                String executorId = String.valueOf(nextExecutorId++);
                launched.add(tasks.build(new ExecutorLaunch(executorId, agentId, hostname, launch.role(), allocation, offered)));
                executors.put(executorId, new Executor(agentId, hostname, allocation.total(), agentUrl, System.nanoTime()));
            }
            List<OfferID> ids = offerIds(launch.offerIds());
            Filters filters = Filters.newBuilder().setRefuseSeconds(launch.refuseUnusedSeconds()).build();
            LOG.info("launching {} executor(s) on agent {} ({})", launched.size(), launch.agentId(), hostname);
            calls.add(() -> client.accept(ids, List.of(launchOperation(launched)), filters)
                    .exceptionally(e -> acceptFailed(launched, e)));
        }
        Map<Double, List<OfferID>> declines = new TreeMap<>();
        for (Decline decline : plan.declines()) {
            declines.computeIfAbsent(decline.refuseSeconds(), k -> new ArrayList<>())
                    .add(OfferID.newBuilder().setValue(decline.offerId()).build());
            heldOffers.remove(decline.offerId());
        }
        for (AgentLaunch launch : plan.launches()) {
            launch.offerIds().forEach(heldOffers::remove);
        }
        declines.forEach((seconds, ids) -> calls.add(() -> client.decline(ids,
                Filters.newBuilder().setRefuseSeconds(seconds).build()).exceptionally(e -> logCallFailure("DECLINE", e))));
        switch (plan.roleAction()) {
            case SUPPRESS:
                suppressed = true;
                calls.add(() -> client.suppress(List.of(conf.role())).exceptionally(e -> logCallFailure("SUPPRESS", e)));
                break;
            case REVIVE:
                suppressed = false;
                calls.add(() -> client.revive(List.of(conf.role())).exceptionally(e -> logCallFailure("REVIVE", e)));
                break;
            default:
                break;
        }
    }

    /**
     * Says once, when it starts or changes, which constraint kept every agent offered from the
     * job, with what the agents have instead; forgotten once a round admits an agent.
     */
    private void noteConstraints(Plan plan) {
        Optional<String> why = plan.constraintShortfall().map(shortfall -> shortfall.describe("agent offered"));
        if (why.isPresent()) {
            if (!why.get().equals(unmetConstraints)) {
                double seconds = conf.declines().unmetConstraints();
                LOG.warn("declining {} offer(s) for {} s: {}", plan.declines().size(),
                        seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds), why.get());
            }
            unmetConstraints = why.get();
        } else if (!plan.launches().isEmpty() || !plan.heldOfferIds().isEmpty() || plan.declines().stream()
                .anyMatch(d -> d.reason() != DeclineReason.UNMET_CONSTRAINTS && d.reason() != DeclineReason.AGENT_FAILING)) {
            unmetConstraints = null;
        }
    }

    /** Which constraint no agent offered met, while the job's offers keep failing its constraints. */
    Optional<String> unmetConstraints() {
        return Optional.ofNullable(unmetConstraints);
    }

    private static org.apache.mesos.v1.Protos.Offer.Operation launchOperation(List<TaskInfo> launched) {
        return org.apache.mesos.v1.Protos.Offer.Operation.newBuilder()
                .setType(org.apache.mesos.v1.Protos.Offer.Operation.Type.LAUNCH)
                .setLaunch(org.apache.mesos.v1.Protos.Offer.Operation.Launch.newBuilder().addAllTaskInfos(launched))
                .build();
    }

    /**
     * Asks for offers again when the job has fewer executors than it wants. REVIVE also clears
     * the refusals of earlier declines (up to 120 s when demand was met), which would otherwise
     * hide the very agents a replacement or a scale-up needs.
     */
    private void reviveIfShort(List<Runnable> calls) {
        if (!failures.givenUp() && executors.size() < targetExecutors) {
            suppressed = false;
            calls.add(() -> client.revive(List.of(conf.role())).exceptionally(e -> logCallFailure("REVIVE", e)));
        }
    }

    private ClusterState clusterState() {
        Map<String, Integer> perAgent = new HashMap<>();
        Amounts held = Amounts.ZERO;
        for (Executor executor : executors.values()) {
            perAgent.merge(executor.agentId().getValue(), 1, Integer::sum);
            held = held.plus(executor.resources());
        }
        return new ClusterState(perAgent, failures.perAgent(), held, executors.size(), suppressed,
                System.currentTimeMillis(), gangWaitingSince);
    }

    private void declineHeld(List<Runnable> calls, double seconds) {
        List<OfferID> ids = offerIds(new ArrayList<>(heldOffers.keySet()));
        heldOffers.clear();
        if (!ids.isEmpty()) {
            calls.add(() -> client.decline(ids, Filters.newBuilder().setRefuseSeconds(seconds).build()));
        }
    }

    private static List<OfferID> offerIds(List<String> ids) {
        List<OfferID> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(OfferID.newBuilder().setValue(id).build());
        }
        return out;
    }

    // ------------------------------------------------------------------ status updates

    @Override
    public void update(TaskStatus status) {
        client.acknowledge(status).exceptionally(e -> logCallFailure("ACKNOWLEDGE", e));
        String executorId = status.getTaskId().getValue();
        TaskState state = status.getState();
        if (!TaskStates.isTerminal(state)) {
            boolean known;
            boolean stopped;
            lock.lock();
            try {
                known = executors.containsKey(executorId);
                stopped = stopping;
                if (known) {
                    reported.add(executorId);
                }
            } finally {
                lock.unlock();
            }
            if (!known && !stopped) {
                // A task the backend does not know (it gave it up for lost, or its ACCEPT seemed to
                // fail) runs on: it holds resources and an executor the application does not count.
                LOG.warn("killing task {} on agent {}: it is {} but not one of this application's executors",
                        executorId, status.getAgentId().getValue(), state);
                client.kill(status.getTaskId(), status.getAgentId()).exceptionally(e -> logCallFailure("KILL", e));
            } else {
                LOG.debug("executor {} is {}", executorId, state);
            }
            return;
        }
        List<Runnable> calls = new ArrayList<>();
        Executor gone;
        boolean stopped;
        boolean failed;
        String giveUp = null;
        lock.lock();
        try {
            gone = executors.remove(executorId);
            reported.remove(executorId);
            stopped = stopping;
            failed = gone != null && !stopped && isFailure(state);
            if (failed) {
                giveUp = failures.failed(gone.agentId().getValue(), failedOnItsAgent(status), failureLimit());
                if (giveUp != null) {
                    // Under the lock, so that no offer that arrives meanwhile launches another.
                    declineHeld(calls, conf.declines().demandSatisfied());
                }
            }
            if (gone != null && !stopped) {
                reviveIfShort(calls);
            }
        } finally {
            lock.unlock();
        }
        if (gone == null) {
            return;
        }
        if (failed) {
            reportFailure(executorId, gone, status, giveUp);
        }
        if (!failed) {
            LOG.info("executor {} on agent {} ended: {}", executorId, gone.agentId().getValue(),
                    state + (status.hasMessage() ? ": " + status.getMessage() : ""));
        }
        // After stop() the driver endpoint is gone; telling it about executors would only fail.
        if (!stopped) {
            removeExecutor(executorId, lossReason(status, gone.hostname()));
        }
        calls.forEach(Runnable::run);
    }

    /**
     * An ACCEPT the master did not take launched nothing: its executors are forgotten (and others
     * asked for), so that they do not hold the application's share forever. Should the master have
     * launched them after all, they report as unknown tasks and are killed.
     */
    private Void acceptFailed(List<TaskInfo> launched, Throwable e) {
        logCallFailure("ACCEPT", e);
        List<Runnable> calls = new ArrayList<>();
        lock.lock();
        try {
            for (TaskInfo task : launched) {
                executors.remove(task.getTaskId().getValue());
            }
            if (!stopping) {
                reviveIfShort(calls);
            }
        } finally {
            lock.unlock();
        }
        calls.forEach(Runnable::run);
        return null;
    }

    /**
     * Failures that count against the agent: the executor could not run there, not that it was
     * told to stop. A TASK_LOST the master made up (an offer that was no longer valid, a task
     * reconciliation did not find) says nothing about the agent.
     */
    static boolean failedOnItsAgent(TaskStatus status) {
        if (status.getState() == TaskState.TASK_LOST && status.getSource() == TaskStatus.Source.SOURCE_MASTER) {
            return false;
        }
        return isFailure(status.getState());
    }

    private static boolean isFailure(TaskState state) {
        return state == TaskState.TASK_FAILED || state == TaskState.TASK_ERROR || state == TaskState.TASK_LOST
                || state == TaskState.TASK_DROPPED || state == TaskState.TASK_GONE;
    }

    private int failureLimit() {
        return conf.executorFailureLimit(Math.max(1, targetExecutors));
    }

    /**
     * Says at once why an executor failed, with the end of its sandbox's stderr where the agent
     * still has it, and ends the application when {@code giveUp} says so.
     */
    private void reportFailure(String executorId, Executor gone, TaskStatus status, String giveUp) {
        boolean ranOnAgent = status.getSource() != TaskStatus.Source.SOURCE_MASTER && gone.agentUrl() != null
                && appId != null;
        CompletableFuture<List<String>> tail = ranOnAgent
                ? agentFiles.tail(gone.agentUrl(), AgentFiles.sandboxPath(appId, executorId, "stderr"))
                : CompletableFuture.completedFuture(List.of());
        tail.thenAccept(lines -> {
            ExecutorFailure failure = new ExecutorFailure(executorId, gone.agentId().getValue(), gone.hostname(),
                    status, lines);
            LOG.error("{}", failure.details());
            if (giveUp != null) {
                String message = "executors keep failing: " + giveUp + "; the last: " + failure.summary();
                launchFailure = message;
                abortApplication(message, () -> launchFailureHeard);
            }
        });
    }

    /** Why executors could not start, once the backend has given up on them. */
    Optional<String> launchFailure() {
        String failure = launchFailure;
        launchFailureHeard |= failure != null;
        return Optional.ofNullable(failure);
    }

    /** What Spark should be told: the exit code when the executor's process exited, else a lost process. */
    static ExecutorLossReason lossReason(TaskStatus status, String hostname) {
        String message = "Mesos task " + status.getTaskId().getValue() + " " + status.getState()
                + (status.hasMessage() ? ": " + status.getMessage() : "");
        Matcher exit = EXIT_STATUS.matcher(status.getMessage());
        if (status.getState() == TaskState.TASK_FAILED && exit.find()) {
            return new ExecutorExited(Integer.parseInt(exit.group(1)), true, message);
        }
        boolean causedByApp = status.getState() == TaskState.TASK_FAILED;
        return new ExecutorProcessLost(message, Option.apply(hostname), causedByApp);
    }

    @Override
    public void error(String message) {
        // Comes just before stopped(), which says what it means for the application.
        masterError = message;
        LOG.warn("the Mesos master sent ERROR: {}", message);
    }

    /**
     * The client gave up for good without being asked to: typically the master removed the
     * framework (torn down by {@code gantry kill} or an operator, or its failover timeout ran out)
     * and refused the resubscription with "Framework has been removed". No executor can ever
     * come back, so the application must end rather than wait for executors forever.
     */
    @Override
    public void stopped(String reason) {
        boolean abort;
        lock.lock();
        try {
            if (stopping) {
                return;
            }
            lostReason = reason;
            abort = running;
        } finally {
            lock.unlock();
        }
        // Before start() has returned, start() itself fails the SparkContext with the reason.
        if (abort) {
            abortApplication(FrameworkLoss.describe(reason, masterError, MasterAddresses.printable(conf.master()), appId));
        }
    }

    /**
     * Fails the running jobs with {@code message} and stops the SparkContext, as Spark's standalone
     * backend does when its application is killed. The context stops on its own thread, after the
     * jobs have failed with the message: stopping first would fail them with Spark's bare
     * "SparkContext was shut down" instead.
     */
    private void abortApplication(String message) {
        abortApplication(message, () -> true);
    }

    /**
     * As {@link #abortApplication(String)}, but the context stops only once {@code heard} holds
     * (bounded): an application that is between Spark calls when the backend gives up (gantry run
     * waiting for its workers) asks for the reason first, and would otherwise meet the stopped
     * context's echo ("Cannot call methods on a stopped SparkContext") instead of it.
     */
    private void abortApplication(String message, BooleanSupplier heard) {
        LOG.error("{}; stopping the application", message);
        try {
            taskScheduler.error(message);
        } catch (Exception noJobRunning) {
            // TaskSchedulerImpl.error throws (a SparkException, checked in Java's terms) when no
            // job is running: there is nothing to fail, and the context must stop all the same.
            LOG.debug("no running job to fail: {}", noJobRunning.getMessage());
        }
        Thread stopper = new Thread(() -> {
            // A context still being built (Spark waiting for executors in its post-start hook) must
            // finish first: stopped halfway it fails with its own echo ("stopped while waiting for
            // backend"), and the application never sees this message. isReady() lets that wait end.
            long built = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (SparkContext$.MODULE$.getActive().isEmpty() && !sc.isStopped() && System.nanoTime() < built) {
                sleepQuietly(50);
            }
            long asked = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!heard.getAsBoolean() && sc.statusTracker().getActiveJobIds().length == 0
                    && System.nanoTime() < asked) {
                sleepQuietly(50);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sc.statusTracker().getActiveJobIds().length > 0 && System.nanoTime() < deadline) {
                sleepQuietly(50);
            }
            sc.stop();
        }, "gantry-mesos-framework-lost");
        stopper.setDaemon(true);
        stopper.start();
    }

    // ------------------------------------------------------------------ requests from Spark

    @Override
    public Future<Object> doRequestTotalExecutors(scala.collection.immutable.Map<ResourceProfile, Object> requested) {
        int total = 0;
        for (Object count : CollectionConverters.asJava(requested).values()) {
            total += (Integer) count;
        }
        List<Runnable> calls = new ArrayList<>();
        lock.lock();
        try {
            LOG.info("Spark asks for {} executor(s) in total (now {})", total, executors.size());
            targetExecutors = total;
            reviveIfShort(calls);
        } finally {
            lock.unlock();
        }
        calls.forEach(Runnable::run);
        return Future.successful(Boolean.TRUE);
    }

    @Override
    public Future<Object> doKillExecutors(scala.collection.immutable.Seq<String> executorIds) {
        Map<String, AgentID> toKill = new LinkedHashMap<>();
        lock.lock();
        try {
            for (String id : CollectionConverters.asJava(executorIds)) {
                Executor executor = executors.get(id);
                if (executor != null) {
                    toKill.put(id, executor.agentId());
                }
            }
        } finally {
            lock.unlock();
        }
        toKill.forEach((id, agent) -> client.kill(TaskID.newBuilder().setValue(id).build(), agent)
                .exceptionally(e -> logCallFailure("KILL", e)));
        return Future.successful(Boolean.valueOf(!toKill.isEmpty() || executorIds.isEmpty()));
    }

    // ------------------------------------------------------------------ stop

    @Override
    public void stop() {
        List<Runnable> calls = new ArrayList<>();
        boolean masterLost;
        lock.lock();
        try {
            if (stopping) {
                return;
            }
            stopping = true;
            masterLost = lostReason != null;
            if (client != null && !masterLost) {
                declineHeld(calls, 0);
            }
        } finally {
            lock.unlock();
        }
        calls.forEach(Runnable::run);
        if (reconciliation != null) {
            reconciliation.close();
        }
        // Asks every executor to exit; they then end as Mesos tasks on their own.
        super.stop();
        if (client == null) {
            return;
        }
        if (masterLost) {
            // The master has removed the framework and killed its executors itself; it sends no
            // more updates, so there is nothing to wait for, kill or tear down.
            client.close();
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(conf.shutdownTimeoutMillis());
        while (remainingExecutors() > 0 && System.nanoTime() < deadline) {
            sleepQuietly(100);
        }
        Map<String, AgentID> leftover = new LinkedHashMap<>();
        lock.lock();
        try {
            executors.forEach((id, executor) -> leftover.put(id, executor.agentId()));
        } finally {
            lock.unlock();
        }
        if (!leftover.isEmpty()) {
            LOG.warn("{} executor(s) did not exit within spark.mesos.coarse.shutdownTimeout; killing them",
                    leftover.size());
            leftover.forEach((id, agent) -> client.kill(TaskID.newBuilder().setValue(id).build(), agent));
        }
        try {
            client.teardown().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("TEARDOWN was not confirmed: {}", e.getMessage());
        } finally {
            client.close();
        }
    }

    private int remainingExecutors() {
        lock.lock();
        try {
            return executors.size();
        } finally {
            lock.unlock();
        }
    }

    private static Void logCallFailure(String call, Throwable e) {
        LOG.warn("{} to the Mesos master failed: {}", call, e.getMessage());
        return null;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
