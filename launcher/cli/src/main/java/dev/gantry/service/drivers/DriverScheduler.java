package dev.gantry.service.drivers;

import dev.gantry.mesos.SchedulerClient;
import dev.gantry.mesos.SchedulerListener;
import dev.gantry.offers.OfferPool;
import dev.gantry.offers.OfferViews;
import dev.gantry.placement.AgentLaunch;
import dev.gantry.placement.ClusterState;
import dev.gantry.placement.DeclineDurations;
import dev.gantry.placement.Demand;
import dev.gantry.placement.ExecutorShape;
import dev.gantry.placement.GpuAgentUse;
import dev.gantry.placement.OfferView;
import dev.gantry.placement.Placer;
import dev.gantry.placement.Plan;
import dev.gantry.protocol.TaskStates;
import dev.gantry.service.metrics.ServiceMetrics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler behind {@link DriverFramework}: drivers waiting for an offer, driver tasks launched
 * or reconciled and not yet ended, and the kills asked for. Offers are taken only while a driver
 * waits: each waiting driver, in the order asked, gets the agent placement likes best among the
 * offers of its role (agents without GPUs first: a driver needs none), with its resources taken as
 * offered, reservations included; what nothing takes is declined, briefly while drivers wait in
 * that role and for long otherwise, and roles nobody waits in are suppressed until the next launch
 * revives them. After every (re)subscription the tasks it tracks are reconciled explicitly.
 *
 * <p>State is guarded by {@code this}; client calls only queue, so they are made under the lock,
 * and the service's listener is called outside it.
 */
final class DriverScheduler implements SchedulerListener {
    private static final Logger LOG = LoggerFactory.getLogger(DriverScheduler.class);
    /** While a driver waits in the role: look again soon (Mesos' own default refusal). */
    private static final double WAITING_REFUSE_SECONDS = DeclineDurations.DEFAULT.nothingFits();
    /** Nobody waits: a launch revives the role, which clears this refusal. */
    private static final double IDLE_REFUSE_SECONDS = DeclineDurations.DEFAULT.demandSatisfied();
    /** Why an offer is declined, as the metrics count it: placement's names for the two refusals above. */
    static final String NOTHING_FITS = "nothing_fits";
    static final String DEMAND_SATISFIED = "demand_satisfied";

    /**
     * A driver task launched or reconciled, not known to have ended; any field may be unknown (null).
     * {@code state} is the last state the service was told.
     */
    private record Tracked(DriverRequest request, String agentId, TaskState state) {}

    private final DriverListener listener;
    private final String master;
    private final List<String> roles;
    private final ServiceMetrics metrics;
    private final Placer placer = new Placer();
    private final Map<String, DriverRequest> pending = new LinkedHashMap<>();
    private final Map<String, Tracked> active = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final Set<String> killRequested = new HashSet<>();
    /**
     * Tasks the service asked about and whose reconciliation answer has not come yet: that answer
     * reaches it even when an ordinary update (say, one the master resent on resubscription) told
     * the same state first.
     */
    private final Set<String> answerOwed = new HashSet<>();
    private final Set<String> suppressed = new LinkedHashSet<>();
    private SchedulerClient client;
    private boolean subscribed;

    DriverScheduler(DriverListener listener, String master, List<String> roles, ServiceMetrics metrics) {
        this.listener = listener;
        this.master = master;
        this.roles = List.copyOf(roles);
        this.metrics = metrics;
        this.suppressed.addAll(roles);
    }

    synchronized void attach(SchedulerClient attached) {
        this.client = attached;
    }

    // ---- what the service asks ----

    synchronized void launch(DriverRequest request) {
        if (!roles.contains(request.role())) {
            throw new IllegalArgumentException("driver " + request.taskId() + " asks for role '" + request.role()
                    + "', but the framework subscribed with roles " + roles);
        }
        String taskId = request.taskId();
        if (pending.containsKey(taskId) || active.containsKey(taskId)) {
            throw new IllegalArgumentException("driver " + taskId + " is launched already; relaunch it as attempt "
                    + (request.attempt() + 1));
        }
        pending.put(taskId, request);
        seen.add(taskId);
        LOG.info("driver {} waits for an offer ({} cpus, {} MB, role {})", taskId, request.cpus(), request.memMb(),
                request.role());
        if (subscribed) {
            revive(request.role());
        }
    }

    CompletableFuture<Void> kill(String taskId) {
        DriverUpdate unlaunched = null;
        CompletableFuture<Void> sent;
        synchronized (this) {
            DriverRequest waiting = pending.remove(taskId);
            if (waiting != null) {
                unlaunched = DriverUpdate.of(waiting.id(), TaskStatus.newBuilder()
                        .setTaskId(TaskID.newBuilder().setValue(taskId)).setState(TaskState.TASK_KILLED)
                        .setSource(TaskStatus.Source.SOURCE_MASTER)
                        .setMessage("Killed before it was launched").build(), true, true);
                sent = CompletableFuture.completedFuture(null);
            } else {
                killRequested.add(taskId);
                Tracked tracked = active.get(taskId);
                String agent = tracked == null ? null : tracked.agentId();
                sent = client.kill(TaskID.newBuilder().setValue(taskId).build(),
                        agent == null ? null : AgentID.newBuilder().setValue(agent).build());
            }
        }
        if (unlaunched != null) {
            LOG.info("driver {} was killed before it was launched", taskId);
            listener.update(unlaunched);
        }
        return sent;
    }

    synchronized CompletableFuture<Void> reconcile(Iterable<String> taskIds) {
        List<Call.Reconcile.Task> tasks = new ArrayList<>();
        for (String taskId : taskIds) {
            if (DriverTaskId.parse(taskId).isEmpty()) {
                throw new IllegalArgumentException("'" + taskId + "' is not a driver task id (driver-<job>-<attempt>)");
            }
            if (pending.containsKey(taskId)) {
                continue;
            }
            // The answer reaches the service even when it repeats what it was told: it asked.
            Tracked tracked = active.compute(taskId, (k, t) -> t == null ? new Tracked(null, null, null)
                    : new Tracked(t.request(), t.agentId(), null));
            seen.add(taskId);
            answerOwed.add(taskId);
            tasks.add(reconcileTask(taskId, tracked));
        }
        if (!subscribed || tasks.isEmpty()) {
            // Sent with every task tracked as soon as the framework is subscribed.
            return CompletableFuture.completedFuture(null);
        }
        return client.reconcile(tasks);
    }

    /** RECONCILE of every driver task tracked; for the periodic round. */
    synchronized void reconcileTracked() {
        if (subscribed && !active.isEmpty()) {
            client.reconcile(trackedTasks()).exceptionally(e -> logFailure("RECONCILE", e));
        }
    }

    synchronized Set<String> pending() {
        return Set.copyOf(pending.keySet());
    }

    synchronized Set<String> active() {
        return Set.copyOf(active.keySet());
    }

    synchronized Set<String> suppressedRoles() {
        return Set.copyOf(suppressed);
    }

    // ---- what the master says ----

    @Override
    public void subscribed(FrameworkID frameworkId, Event.Subscribed subscribedEvent) {
        synchronized (this) {
            subscribed = true;
            Set<String> waiting = waitingRoles();
            for (String role : roles) {
                if (waiting.contains(role)) {
                    revive(role);
                } else {
                    suppress(role);
                }
            }
            if (!active.isEmpty()) {
                LOG.info("reconciling {} driver task(s) after subscribing", active.size());
                client.reconcile(trackedTasks()).exceptionally(e -> logFailure("RECONCILE", e));
            }
        }
        listener.subscribed(frameworkId.getValue());
    }

    /**
     * Accepts and declines are queued under the lock, as every call is: a launch asked for meanwhile
     * queues its REVIVE after them, so the master clears their refusals rather than getting them
     * after its revive (then a second driver in the role waited for the long refusal to pass).
     */
    @Override
    public synchronized void offers(List<Offer> offers) {
        metrics.offersReceived(offers.size());
        Map<String, Offer> left = new LinkedHashMap<>();
        for (Offer offer : offers) {
            left.put(offer.getId().getValue(), offer);
        }
        for (DriverRequest request : new ArrayList<>(pending.values())) {
            placeOne(request, left);
        }
        Set<String> waiting = waitingRoles();
        Map<Double, List<OfferID>> declines = new TreeMap<>();
        for (Offer offer : left.values()) {
            boolean wanted = waiting.contains(roleOf(offer));
            declines.computeIfAbsent(wanted ? WAITING_REFUSE_SECONDS : IDLE_REFUSE_SECONDS, s -> new ArrayList<>())
                    .add(offer.getId());
        }
        declines.forEach((seconds, ids) -> {
            metrics.offersDeclined(seconds == WAITING_REFUSE_SECONDS ? NOTHING_FITS : DEMAND_SATISFIED, ids.size());
            client.decline(ids, Filters.newBuilder().setRefuseSeconds(seconds).build())
                    .exceptionally(e -> logFailure("DECLINE", e));
        });
        for (String role : roles) {
            if (!waiting.contains(role) && !suppressed.contains(role)) {
                suppress(role);
            }
        }
    }

    /** Launches {@code request} on the best agent among {@code left}'s offers of its role, if one fits. */
    private void placeOne(DriverRequest request, Map<String, Offer> left) {
        List<OfferView> views = new ArrayList<>();
        for (Offer offer : left.values()) {
            if (roleOf(offer).equals(request.role())) {
                views.add(OfferViews.of(offer));
            }
        }
        if (views.isEmpty()) {
            return;
        }
        Demand demand = Demand.of(new ExecutorShape(request.cpus(), request.memMb(), 0), 1)
                .withGpuAgentUse(GpuAgentUse.WHEN_NOTHING_ELSE_FITS);
        Plan plan = placer.plan(views, demand, ClusterState.empty(System.currentTimeMillis()));
        if (plan.launches().isEmpty()) {
            return;
        }
        AgentLaunch launch = plan.launches().get(0);
        List<Offer> used = launch.offerIds().stream().map(left::get).toList();
        AgentID agent = used.get(0).getAgentId();
        TaskInfo task = DriverTasks.task(request, master, agent, OfferPool.of(used), launch.executors().get(0),
                launch.role());
        used.forEach(o -> left.remove(o.getId().getValue()));
        String taskId = request.taskId();
        pending.remove(taskId);
        active.put(taskId, new Tracked(request, agent.getValue(), null));
        boolean moreWaiting = pending.values().stream().anyMatch(r -> r.role().equals(request.role()));
        Filters filters = Filters.newBuilder()
                .setRefuseSeconds(moreWaiting ? WAITING_REFUSE_SECONDS : IDLE_REFUSE_SECONDS).build();
        List<OfferID> ids = used.stream().map(Offer::getId).toList();
        Offer.Operation operation = Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task)).build();
        LOG.info("launching driver {} on agent {} ({})", taskId, agent.getValue(), used.get(0).getHostname());
        metrics.driverLaunched(request.role());
        client.accept(ids, List.of(operation), filters).exceptionally(e -> {
            // The master may or may not have the task: ask it, and the answer (TASK_LOST when it has not)
            // reaches the service like any update.
            LOG.warn("ACCEPT of driver {} failed, reconciling it: {}", taskId, e.toString());
            reconcile(List.of(taskId));
            return null;
        });
    }

    @Override
    public void update(TaskStatus status) {
        String taskId = status.getTaskId().getValue();
        Optional<DriverTaskId> id = DriverTaskId.parse(taskId);
        if (id.isEmpty()) {
            LOG.warn("update of task {}, which is no driver task: {}", taskId, status.getState());
            client.acknowledge(status).exceptionally(e -> logFailure("ACKNOWLEDGE", e));
            return;
        }
        DriverUpdate update;
        synchronized (this) {
            boolean known = seen.contains(taskId);
            boolean kill = killRequested.contains(taskId);
            Tracked before = active.get(taskId);
            update = DriverUpdate.of(id.get(), status, kill, known);
            boolean owed = update.fromReconciliation() && answerOwed.remove(taskId);
            if (update.fromReconciliation() && !owed && before != null && before.state() == status.getState()) {
                // A periodic round's answer for a task whose state the service has: nothing new (and no uuid).
                return;
            }
            if (TaskStates.isTerminal(status.getState())) {
                active.remove(taskId);
                killRequested.remove(taskId);
            } else {
                String agent = status.hasAgentId() ? status.getAgentId().getValue()
                        : before == null ? null : before.agentId();
                active.put(taskId, new Tracked(before == null ? null : before.request(), agent, status.getState()));
            }
        }
        LOG.info("driver {}", update);
        try {
            listener.update(update);
        } catch (RuntimeException e) {
            // Not acknowledged: Mesos sends it again, and the service gets another chance.
            LOG.error("the service failed on the update {}; not acknowledging it", update, e);
            return;
        }
        if (update.failed()) {
            // Counted once the service took it: one it failed on comes again, and counts then.
            metrics.driverFailed(update.failure().name());
        }
        client.acknowledge(status).exceptionally(e -> logFailure("ACKNOWLEDGE", e));
    }

    @Override
    public void failure(Event.Failure failure) {
        if (!failure.hasExecutorId()) {
            LOG.warn("agent {} was removed; its drivers' updates follow", failure.getAgentId().getValue());
        }
    }

    @Override
    public void error(String message) {
        LOG.error("the master sent ERROR: {}", message);
    }

    @Override
    public void disconnected(String reason) {
        synchronized (this) {
            subscribed = false;
        }
        listener.disconnected(reason);
    }

    @Override
    public void stopped(String reason) {
        synchronized (this) {
            subscribed = false;
        }
        listener.stopped(reason);
    }

    // ---- helpers (under the lock) ----

    private Set<String> waitingRoles() {
        Set<String> waiting = new HashSet<>();
        pending.values().forEach(r -> waiting.add(r.role()));
        return waiting;
    }

    private void revive(String role) {
        suppressed.remove(role);
        client.revive(List.of(role)).exceptionally(e -> logFailure("REVIVE", e));
    }

    private void suppress(String role) {
        suppressed.add(role);
        client.suppress(List.of(role)).exceptionally(e -> logFailure("SUPPRESS", e));
    }

    private List<Call.Reconcile.Task> trackedTasks() {
        List<Call.Reconcile.Task> tasks = new ArrayList<>();
        active.forEach((taskId, tracked) -> tasks.add(reconcileTask(taskId, tracked)));
        return tasks;
    }

    private static Call.Reconcile.Task reconcileTask(String taskId, Tracked tracked) {
        Call.Reconcile.Task.Builder task = Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId));
        if (tracked.agentId() != null) {
            task.setAgentId(AgentID.newBuilder().setValue(tracked.agentId()));
        }
        return task.build();
    }

    private static String roleOf(Offer offer) {
        return offer.hasAllocationInfo() ? offer.getAllocationInfo().getRole() : "*";
    }

    private static Void logFailure(String call, Throwable e) {
        LOG.warn("{} failed: {}", call, e.toString());
        return null;
    }
}
