package dev.gantry.spark;

import dev.gantry.mesos.FrameworkInfos;
import dev.gantry.mesos.MasterAddresses;
import dev.gantry.mesos.SchedulerClient;
import dev.gantry.mesos.SchedulerListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.spark.SparkContext;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.scheduler.TaskSchedulerImpl;
import org.apache.spark.scheduler.cluster.CoarseGrainedSchedulerBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's coarse-grained scheduler backend on Mesos: executors are Mesos tasks, one per
 * executor, placed by Gantry's placement engine from the offers the master sends.
 *
 * <p>Spark drives it from its threads (start, stop, executor requests and kills); the Mesos
 * client drives it from its event thread (offers, status updates). One lock guards the state
 * both touch ({@link SchedulerState}): the offers held and the placement rounds over them
 * ({@link OfferRounds}), and the executors launched and their failures
 * ({@link LaunchedExecutors}). Calls to the master never block under it. This class is the
 * framework's life (subscribe, lose the master, stop) and Spark's requests; the executors'
 * task statuses are {@link StatusUpdates}', reporting failures and giving up is
 * {@link FailureReports}', ending the application is {@link ApplicationAbort}'s.
 */
final class MesosSchedulerBackend extends CoarseGrainedSchedulerBackend implements SchedulerListener {
    private static final Logger LOG = LoggerFactory.getLogger(MesosSchedulerBackend.class);

    private final SparkContext sc;
    /** The master URL Spark was given: one master, a comma list, or zk://. */
    private final String master;
    private final MesosBackendConf conf;
    private final SchedulerState state;
    private final ReentrantLock lock;
    private final LaunchedExecutors executors;
    private final OfferRounds offers;
    private final ApplicationAbort abort;
    private final FailureReports failureReports;
    private final StatusUpdates statusUpdates;
    private volatile Reconciliation reconciliation;
    private volatile String masterError;
    private volatile SchedulerClient client;
    private volatile ExecutorTaskBuilder tasks;
    private volatile String appId;

    MesosSchedulerBackend(TaskSchedulerImpl scheduler, SparkContext sc, String master, MesosBackendConf conf) {
        super(scheduler, sc.env().rpcEnv());
        this.sc = sc;
        this.master = master;
        this.conf = conf;
        this.state = new SchedulerState(conf);
        this.lock = state.lock;
        this.executors = state.executors;
        this.offers = state.offers;
        this.abort = new ApplicationAbort(scheduler, sc);
        this.failureReports = new FailureReports(abort);
        this.statusUpdates = new StatusUpdates(state, conf, failureReports, () -> client, () -> appId,
                this::removeExecutor);
    }

    @Override
    public void start() {
        super.start();
        FrameworkInfos info = FrameworkInfos.builder(sc.appName())
                .user(sc.sparkUser())
                .roles(conf.role())
                .gpuResources(true)
                .failoverTimeout(Duration.ofMillis((long) (conf.failoverTimeoutSeconds() * 1000)))
                .checkpoint(conf.checkpoint());
        String webUi = conf.webUiUrl().orElse(sc.ui().isDefined() ? sc.ui().get().webUrl() : null);
        if (webUi != null) {
            info.webuiUrl(webUi);
        }
        SchedulerClient.Builder builder = SchedulerClient.builder().master(master).listener(this);
        conf.principal().ifPresent(info::principal);
        conf.credential().ifPresent(builder::credential);
        client = builder.frameworkInfo(info.build()).build();
        tasks = ExecutorTasks.builder(sc, conf, driverUrl(), () -> appId);
        client.start();
        try {
            FrameworkID id = client.awaitSubscribed(conf.subscribeTimeout());
            appId = id.getValue();
        } catch (Exception e) {
            lock.lock();
            try {
                // The client's stop below is ours: SparkContext reports this failure, stopped() must not.
                state.stopping = true;
            } finally {
                lock.unlock();
            }
            client.close();
            throw new IllegalStateException("cannot subscribe to the Mesos master " + MasterAddresses.printable(master)
                    + ": " + e.getMessage(), e);
        }
        String lostEarly;
        int wanted;
        lock.lock();
        try {
            state.running = true;
            lostEarly = state.lostReason;
            wanted = executors.target();
        } finally {
            lock.unlock();
        }
        if (lostEarly != null) {
            throw new IllegalStateException(FrameworkLoss.describe(lostEarly, masterError,
                    MasterAddresses.printable(master), appId));
        }
        reconciliation = new Reconciliation(conf.reconcileInterval(), statusUpdates::reconcileAndExpire);
        LOG.info("subscribed to {} as framework {}; {} executor(s) of {} wanted", MasterAddresses.printable(master),
                appId, conf.dynamicAllocation() ? "dynamically allocated" : String.valueOf(wanted), conf.shape());
    }

    private String driverUrl() {
        return "spark://" + CoarseGrainedSchedulerBackend.ENDPOINT_NAME() + "@" + sc.conf().get(SparkKeys.DRIVER_HOST)
                + ":" + sc.conf().get(SparkKeys.DRIVER_PORT);
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
        return sc.conf().contains(SparkKeys.MIN_REGISTERED_RATIO) ? super.minRegisteredRatio() : 0.8;
    }

    /** Ready once executors are in, or once they cannot come: then the application learns why instead of waiting. */
    @Override
    public boolean isReady() {
        return failureReports.givenUp() || super.isReady();
    }

    @Override
    public boolean sufficientResourcesRegistered() {
        return totalRegisteredExecutors().get() >= executors.target() * minRegisteredRatio();
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
            offers.clear();
            known = executors.agents();
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
            offers.clear();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ offers

    @Override
    public void offers(List<Offer> offered) {
        List<Runnable> calls = new ArrayList<>();
        lock.lock();
        try {
            for (Offer offer : offered) {
                offers.hold(offer);
                executors.failures().offered(offer.getAgentId().getValue());
            }
            if (state.stopping) {
                offers.declineAll(calls, client, 0);
            } else if (executors.failures().givenUp()) {
                offers.declineAll(calls, client, conf.declines().demandSatisfied());
            } else {
                offers.plan(calls, client, executors, tasks, statusUpdates::acceptFailed);
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
            offers.rescind(offerId);
        } finally {
            lock.unlock();
        }
    }

    List<ExecutorPlacement> placements() {
        lock.lock();
        try {
            return executors.placements();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ status updates

    @Override
    public void update(TaskStatus status) {
        statusUpdates.update(status);
    }

    /** Why executors could not start, once the backend has given up on them. */
    Optional<String> launchFailure() {
        return failureReports.launchFailure();
    }

    /** Which constraint no agent offered met, while the job's offers keep failing its constraints. */
    Optional<String> unmetConstraints() {
        return offers.unmetConstraints();
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
        boolean abortNow;
        lock.lock();
        try {
            if (state.stopping) {
                return;
            }
            state.lostReason = reason;
            abortNow = state.running;
        } finally {
            lock.unlock();
        }
        // Before start() has returned, start() itself fails the SparkContext with the reason.
        if (abortNow) {
            abort.abort(FrameworkLoss.describe(reason, masterError, MasterAddresses.printable(master), appId));
        }
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
            executors.target(total);
            offers.reviveIfShort(calls, client, executors);
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
                LaunchedExecutors.Executor executor = executors.get(id);
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
            if (state.stopping) {
                return;
            }
            state.stopping = true;
            masterLost = state.lostReason != null;
            if (client != null && !masterLost) {
                offers.declineAll(calls, client, 0);
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
            ApplicationAbort.sleepQuietly(100);
        }
        Map<String, AgentID> leftover;
        lock.lock();
        try {
            leftover = executors.agents();
        } finally {
            lock.unlock();
        }
        if (!leftover.isEmpty()) {
            LOG.warn("{} executor(s) did not exit within {}; killing them", leftover.size(),
                    SparkKeys.MESOS_SHUTDOWN_TIMEOUT);
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

    static Void logCallFailure(String call, Throwable e) {
        LOG.warn("{} to the Mesos master failed: {}", call, e.getMessage());
        return null;
    }
}
