package dev.gantry.localcluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Mesos master. Like a libprocess actor, it owns all cluster state and touches it
 * only on its own thread ({@link #loop}); HTTP threads and task runners hand work to that thread.
 * That keeps every state change ordered without locks, as in Mesos itself.
 *
 * <p>The master itself checks who calls and routes each call to the part that does that job,
 * named as in Mesos' own master. The parts are plain objects on this same thread: they reach
 * one another through this master and take no locks.
 * <ul>
 * <li>{@link Subscriptions}: frameworks subscribe, fail over, disconnect, update and are removed;
 * <li>{@link Allocator}: which agent's resources go to which framework (DRF), offers, filters,
 *     declines, rescinds and offer timeouts;
 * <li>{@link Operations}: ACCEPT (offers validated, then LAUNCH, LAUNCH_GROUP, RESERVE and
 *     UNRESERVE in order) and the operator API's reservations;
 * <li>{@link TaskLauncher}: tasks and task groups checked, charged to their agent and started;
 * <li>{@link TaskKiller}: KILL, SHUTDOWN, and the kills that a failed group or a removal needs;
 * <li>{@link StatusUpdates}: task status updates, resent until acknowledged;
 * <li>{@link Reconciliation}: RECONCILE and RECONCILE_OPERATIONS.
 * </ul>
 */
final class Master {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);

    private final ClusterSpec spec;
    private final String masterId;
    private final MasterInfo masterInfo;
    private final ScheduledExecutorService loop;
    private final ExecutorService workers;
    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final long startMillis = System.currentTimeMillis();
    private volatile boolean closed;

    final Subscriptions subscriptions;
    final Allocator allocator;
    final Operations operations;
    final TaskLauncher launcher;
    final TaskKiller killer;
    final StatusUpdates statusUpdates;
    final Reconciliation reconciliation;

    Master(ClusterSpec spec, String masterId, MasterInfo masterInfo, List<Agent> agentList,
           ScheduledExecutorService loop, ExecutorService workers) {
        this.spec = spec;
        this.masterId = masterId;
        this.masterInfo = masterInfo;
        this.loop = loop;
        this.workers = workers;
        for (Agent agent : agentList) {
            agents.put(agent.id.getValue(), agent);
        }
        this.subscriptions = new Subscriptions(this);
        this.allocator = new Allocator(this);
        this.operations = new Operations(this);
        this.launcher = new TaskLauncher(this);
        this.killer = new TaskKiller(this);
        this.statusUpdates = new StatusUpdates(this);
        this.reconciliation = new Reconciliation(this);
    }

    void start() {
        long interval = spec.allocationInterval().toMillis();
        loop.scheduleWithFixedDelay(allocator::allocate, interval, interval, TimeUnit.MILLISECONDS);
    }

    String id() {
        return masterId;
    }

    // ---------------------------------------------------------------- entry points (any thread)

    /** Runs a non-SUBSCRIBE call on the master thread; the HTTP layer has decoded and validated it. */
    CompletableFuture<CallResult> call(Call call, Optional<String> principal, String streamId) {
        return onLoop(() -> dispatch(call, principal, streamId));
    }

    /** Registers or re-registers a framework on {@code stream}; answers go out as events. */
    void subscribe(EventStream stream, Call.Subscribe subscribe, Optional<String> principal) {
        execute(() -> subscriptions.subscribe(stream, subscribe, principal));
    }

    /** The HTTP side saw the stream end: the scheduler went away or the master closed it. */
    void streamEnded(EventStream stream) {
        execute(() -> subscriptions.disconnect(stream));
    }

    /** Closes every framework's stream, as a network partition would; frameworks may resubscribe. */
    CompletableFuture<Integer> dropConnections() {
        return onLoop(subscriptions::dropConnections);
    }

    /** Where a task of any framework, live or completed, has its sandbox. */
    CompletableFuture<Optional<Path>> sandbox(String taskId) {
        return onLoop(() -> {
            List<Framework> all = new ArrayList<>(frameworks().values());
            all.addAll(completedFrameworks().values());
            for (Framework framework : all) {
                Task task = framework.tasks.get(taskId);
                if (task == null) {
                    task = framework.completedTasks.stream().filter(t -> t.id().equals(taskId)).findFirst().orElse(null);
                }
                if (task != null) {
                    return Optional.of(task.sandbox);
                }
            }
            return Optional.empty();
        });
    }

    /** Reads the cluster on the master thread, so that {@code reader} sees one consistent state. */
    <T> CompletableFuture<T> read(Function<Master, T> reader) {
        return onLoop(() -> reader.apply(this));
    }

    CompletableFuture<StateView> state() {
        return onLoop(() -> StateView.of(this));
    }

    /**
     * An operator's teardown ({@code POST /master/teardown}): removes the framework exactly as its
     * own TEARDOWN call would. As in Mesos, a framework within its failover timeout counts, one
     * already removed does not.
     */
    CompletableFuture<CallResult> teardown(String frameworkId, Optional<String> principal) {
        return onLoop(() -> {
            Framework framework = frameworks().get(frameworkId);
            if (framework == null) {
                return CallResult.badRequest("No framework found with specified ID");
            }
            subscriptions.remove(framework,
                    "torn down by an operator" + principal.map(p -> " ('" + p + "')").orElse(""));
            return CallResult.OK;
        });
    }

    /**
     * The operator API's RESERVE_RESOURCES and UNRESERVE_RESOURCES; see
     * {@link Operations#operatorReservation}.
     *
     * @param principal the authenticated operator, whose name every new reservation must carry
     */
    CompletableFuture<CallResult> operatorReservation(boolean reserve, AgentID agentId, List<Resource> resources,
                                                      Optional<String> principal) {
        return onLoop(() -> operations.operatorReservation(reserve, agentId, resources, principal));
    }

    /** Kills every task (SIGTERM, then SIGKILL after the grace period) and stops the master thread. */
    void close() {
        if (closed) {
            return;
        }
        List<TaskRunner> runners;
        try {
            runners = onLoop(() -> {
                closed = true;
                List<TaskRunner> all = new ArrayList<>();
                for (Framework framework : frameworks().values()) {
                    if (framework.stream != null) {
                        framework.stream.close();
                    }
                    for (Task task : framework.tasks.values()) {
                        if (task.runner != null && !task.terminal()) {
                            all.add(task.runner);
                        }
                    }
                }
                return all;
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            runners = List.of();
            closed = true;
        }
        for (TaskRunner runner : runners) {
            runner.kill(spec.killGracePeriod());
        }
        long deadline = System.nanoTime() + spec.killGracePeriod().toNanos() + TimeUnit.SECONDS.toNanos(1);
        for (TaskRunner runner : runners) {
            while (!runner.finished() && System.nanoTime() < deadline) {
                sleepQuietly(20);
            }
            runner.destroyNow();
        }
        loop.shutdownNow();
        workers.shutdownNow();
    }

    // ---------------------------------------------------------------- calls

    private CallResult dispatch(Call call, Optional<String> principal, String streamId) {
        Framework framework = frameworks().get(call.getFrameworkId().getValue());
        if (framework == null) {
            return CallResult.badRequest("Framework cannot be found");
        }
        if (principal.isPresent() && !principal.get().equals(framework.info.getPrincipal())) {
            return CallResult.badRequest("Authenticated principal '" + principal.get() + "' does not match principal '"
                    + framework.info.getPrincipal() + "' set in `FrameworkInfo`");
        }
        if (!framework.connected()) {
            return CallResult.forbidden("Framework is not subscribed");
        }
        if (streamId == null) {
            return CallResult.badRequest("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
        }
        if (!streamId.equals(framework.stream.streamId)) {
            return CallResult.badRequest("The stream ID '" + streamId + "' included in this request didn't match the"
                    + " stream ID currently associated with framework ID " + framework.id.getValue());
        }
        switch (call.getType()) {
            case TEARDOWN:
                subscriptions.remove(framework, "the framework tore itself down");
                return CallResult.ACCEPTED;
            case ACCEPT:
                operations.accept(framework, call.getAccept());
                return CallResult.ACCEPTED;
            case DECLINE:
                allocator.decline(framework, call.getDecline().getOfferIdsList(), call.getDecline().getFilters());
                return CallResult.ACCEPTED;
            case REVIVE:
                allocator.revive(framework, call.getRevive().getRolesList());
                return CallResult.ACCEPTED;
            case SUPPRESS:
                allocator.suppress(framework, call.getSuppress().getRolesList());
                return CallResult.ACCEPTED;
            case KILL:
                killer.kill(framework, call.getKill());
                return CallResult.ACCEPTED;
            case SHUTDOWN:
                killer.shutdownExecutor(framework, call.getShutdown());
                return CallResult.ACCEPTED;
            case ACKNOWLEDGE:
                statusUpdates.acknowledge(framework, call.getAcknowledge());
                return CallResult.ACCEPTED;
            case RECONCILE:
                reconciliation.reconcile(framework, call.getReconcile());
                return CallResult.ACCEPTED;
            case RECONCILE_OPERATIONS:
                reconciliation.reconcileOperations(framework, call.getReconcileOperations());
                return CallResult.ACCEPTED;
            case UPDATE_FRAMEWORK:
                return subscriptions.update(framework, call.getUpdateFramework());
            case ACCEPT_INVERSE_OFFERS:
            case DECLINE_INVERSE_OFFERS:
            case ACKNOWLEDGE_OPERATION_STATUS:
            case MESSAGE:
            case REQUEST:
                // No maintenance windows (so no inverse offers), operation updates are not resent, no custom
                // executors to message, and Mesos' allocator ignores REQUEST: accepted, nothing to do.
                LOG.debug("{} from {} accepted; nothing to do on the embedded cluster", call.getType(), framework.name());
                return CallResult.ACCEPTED;
            default:
                return new CallResult(501, "Unsupported call type " + call.getType());
        }
    }

    static String gpuIndices(List<GpuDevice> gpus) {
        StringBuilder out = new StringBuilder();
        for (GpuDevice gpu : gpus) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(gpu.index());
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- state for /state and the parts

    Map<String, Agent> agents() {
        return agents;
    }

    Map<String, Framework> frameworks() {
        return subscriptions.frameworks();
    }

    Map<String, Framework> completedFrameworks() {
        return subscriptions.completedFrameworks();
    }

    ClusterSpec spec() {
        return spec;
    }

    long startMillis() {
        return startMillis;
    }

    MasterInfo masterInfo() {
        return masterInfo;
    }

    /** The master's thread, for timers that the parts schedule on it. */
    ScheduledExecutorService loop() {
        return loop;
    }

    /** Where task runners run their processes. */
    ExecutorService workers() {
        return workers;
    }

    /** Whether {@link #close} has begun: from then on nothing is offered, subscribed or resent. */
    boolean closed() {
        return closed;
    }

    // ---------------------------------------------------------------- plumbing

    /** Runs {@code work} on the master thread later; a failure is logged, a stopped master drops it. */
    void execute(Runnable work) {
        try {
            loop.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("master failed handling an event", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("master is stopped; dropping work");
        }
    }

    private <T> CompletableFuture<T> onLoop(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Exception e) {
                    LOG.error("master failed handling a call", e);
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the master is stopped"));
        }
        return result;
    }

    static void cancel(Future<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
