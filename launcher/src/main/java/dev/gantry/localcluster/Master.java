package dev.gantry.localcluster;

import dev.gantry.protocol.ResourceNames;
import dev.gantry.protocol.TaskStates;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.protobuf.ByteString;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Mesos master. Like a libprocess actor, it owns all cluster state and touches it
 * only on its own thread ({@link #loop}); HTTP threads and task runners hand work to that thread.
 * That keeps every state change ordered without locks, as in Mesos itself.
 */
final class Master {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);
    private static final double DEFAULT_REFUSE_SECONDS = 5.0;
    // Mesos' default --min_allocatable_resources: cpus:0.01|mem:32.
    private static final double MIN_ALLOCATABLE_CPUS = 0.01;
    private static final double MIN_ALLOCATABLE_MEM = 32;
    private static final long MAX_UPDATE_RETRY_MILLIS = Duration.ofMinutes(10).toMillis();
    private static final int COMPLETED_FRAMEWORKS_KEPT = 50;

    private final ClusterSpec spec;
    private final String masterId;
    private final MasterInfo masterInfo;
    private final ScheduledExecutorService loop;
    private final ExecutorService workers;
    private final UriFetcher fetcher = new UriFetcher();
    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<String, Framework> frameworks = new LinkedHashMap<>();
    private final Map<String, Framework> completedFrameworks = new LinkedHashMap<>();
    private final Map<String, Offer> offers = new LinkedHashMap<>();
    private final long startMillis = System.currentTimeMillis();
    private long frameworkCount;
    private long offerCount;
    private long groupCount;
    private boolean allocationQueued;
    private volatile boolean closed;

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
    }

    void start() {
        long interval = spec.allocationInterval().toMillis();
        loop.scheduleWithFixedDelay(this::allocate, interval, interval, TimeUnit.MILLISECONDS);
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
        execute(() -> doSubscribe(stream, subscribe, principal));
    }

    /** The HTTP side saw the stream end: the scheduler went away or the master closed it. */
    void streamEnded(EventStream stream) {
        execute(() -> disconnect(stream));
    }

    /** Closes every framework's stream, as a network partition would; frameworks may resubscribe. */
    CompletableFuture<Integer> dropConnections() {
        return onLoop(() -> {
            int dropped = 0;
            for (Framework framework : frameworks.values()) {
                if (framework.stream != null) {
                    framework.stream.close();
                    dropped++;
                }
            }
            return dropped;
        });
    }

    /** Where a task of any framework, live or completed, has its sandbox. */
    CompletableFuture<Optional<Path>> sandbox(String taskId) {
        return onLoop(() -> {
            List<Framework> all = new ArrayList<>(frameworks.values());
            all.addAll(completedFrameworks.values());
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
    <T> CompletableFuture<T> read(java.util.function.Function<Master, T> reader) {
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
            Framework framework = frameworks.get(frameworkId);
            if (framework == null) {
                return CallResult.badRequest("No framework found with specified ID");
            }
            removeFramework(framework, "torn down by an operator" + principal.map(p -> " ('" + p + "')").orElse(""));
            return CallResult.OK;
        });
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
                for (Framework framework : frameworks.values()) {
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
        Framework framework = frameworks.get(call.getFrameworkId().getValue());
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
                removeFramework(framework, "the framework tore itself down");
                return CallResult.ACCEPTED;
            case ACCEPT:
                accept(framework, call.getAccept());
                return CallResult.ACCEPTED;
            case DECLINE:
                decline(framework, call.getDecline().getOfferIdsList(), call.getDecline().getFilters());
                return CallResult.ACCEPTED;
            case REVIVE:
                revive(framework, call.getRevive().getRolesList());
                return CallResult.ACCEPTED;
            case SUPPRESS:
                suppress(framework, call.getSuppress().getRolesList());
                return CallResult.ACCEPTED;
            case KILL:
                kill(framework, call.getKill());
                return CallResult.ACCEPTED;
            case SHUTDOWN:
                shutdownExecutor(framework, call.getShutdown());
                return CallResult.ACCEPTED;
            case ACKNOWLEDGE:
                acknowledge(framework, call.getAcknowledge());
                return CallResult.ACCEPTED;
            case RECONCILE:
                reconcile(framework, call.getReconcile());
                return CallResult.ACCEPTED;
            case RECONCILE_OPERATIONS:
                reconcileOperations(framework, call.getReconcileOperations());
                return CallResult.ACCEPTED;
            case UPDATE_FRAMEWORK:
                return updateFramework(framework, call.getUpdateFramework());
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

    // ---------------------------------------------------------------- subscription

    private void doSubscribe(EventStream stream, Call.Subscribe subscribe, Optional<String> principal) {
        if (closed) {
            stream.close();
            return;
        }
        FrameworkInfo info = subscribe.getFrameworkInfo();
        if (principal.isPresent() && !info.hasPrincipal()) {
            info = info.toBuilder().setPrincipal(principal.get()).build();
        }
        Optional<String> invalid = FrameworkValidation.validate(info, subscribe.getSuppressedRolesList());
        OfferConstraints constraints = OfferConstraints.NONE;
        if (invalid.isEmpty() && subscribe.hasOfferConstraints()) {
            try {
                constraints = OfferConstraints.of(subscribe.getOfferConstraints());
            } catch (IllegalArgumentException e) {
                invalid = Optional.of(e.getMessage());
            }
        }
        if (invalid.isPresent()) {
            refuse(stream, invalid.get());
            return;
        }
        Framework framework;
        if (info.hasId()) {
            String id = info.getId().getValue();
            if (completedFrameworks.containsKey(id)) {
                refuse(stream, "Framework has been removed");
                return;
            }
            framework = frameworks.get(id);
            Optional<String> refused = framework == null ? Optional.empty()
                    : FrameworkInfoUpdate.refuseResubscription(framework.info, info);
            if (refused.isPresent()) {
                refuse(stream, refused.get());
                return;
            }
            if (framework == null) {
                // Unknown id: a framework coming back after a master failover. Mesos re-admits it.
                framework = new Framework(info.getId(), info, System.currentTimeMillis());
                frameworks.put(id, framework);
                LOG.info("framework {} re-registered with an id this master did not know", framework.name());
            } else {
                FrameworkInfo kept = FrameworkInfoUpdate.resubscribed(framework.info, info);
                if (!kept.equals(info)) {
                    LOG.warn("framework {} cannot change its user or checkpoint (MESOS-703); keeping them",
                            framework.name());
                }
                failover(framework, kept);
                info = kept;
            }
        } else {
            FrameworkID id = FrameworkID.newBuilder()
                    .setValue(masterId + "-" + String.format("%04d", frameworkCount++)).build();
            info = info.toBuilder().setId(id).build();
            framework = new Framework(id, info, System.currentTimeMillis());
            frameworks.put(id.getValue(), framework);
            LOG.info("framework {} subscribed", framework.name());
        }
        framework.stream = stream;
        framework.constraints = constraints;
        framework.suppressedRoles.clear();
        framework.suppressedRoles.addAll(subscribe.getSuppressedRolesList());
        stream.send(Event.newBuilder().setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder()
                        .setFrameworkId(framework.id)
                        .setHeartbeatIntervalSeconds(spec.heartbeatInterval().toMillis() / 1000.0)
                        .setMasterInfo(masterInfo))
                .build());
        Framework subscribed = framework;
        long heartbeat = spec.heartbeatInterval().toMillis();
        framework.heartbeat = loop.scheduleAtFixedRate(
                () -> subscribed.send(Event.newBuilder().setType(Event.Type.HEARTBEAT).build()),
                heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        for (Task task : framework.tasks.values()) {
            if (!task.pendingUpdates.isEmpty()) {
                sendHeadUpdate(task, false);
            }
        }
        requestAllocation();
    }

    private void failover(Framework framework, FrameworkInfo info) {
        if (framework.stream != null) {
            framework.stream.send(error("Framework failed over"));
            framework.stream.close();
            framework.stream = null;
        }
        cancel(framework.heartbeat);
        cancel(framework.failoverExpiry);
        framework.failoverExpiry = null;
        for (Offer offer : new ArrayList<>(framework.offers.values())) {
            removeOffer(offer);
        }
        framework.info = info;
        LOG.info("framework {} resubscribed", framework.name());
    }

    private static void refuse(EventStream stream, String message) {
        stream.send(error(message));
        stream.close();
    }

    private void disconnect(EventStream stream) {
        for (Framework framework : new ArrayList<>(frameworks.values())) {
            if (framework.stream != stream) {
                continue;
            }
            framework.stream = null;
            cancel(framework.heartbeat);
            for (Offer offer : new ArrayList<>(framework.offers.values())) {
                removeOffer(offer);
            }
            double failoverSeconds = framework.info.getFailoverTimeout();
            LOG.info("framework {} disconnected; failover timeout {} s", framework.name(), failoverSeconds);
            if (failoverSeconds <= 0 || closed) {
                removeFramework(framework, "disconnected with no failover timeout");
            } else {
                framework.failoverExpiry = loop.schedule(
                        () -> removeFramework(framework, "failover timeout expired"),
                        Math.round(failoverSeconds * 1000), TimeUnit.MILLISECONDS);
            }
            requestAllocation();
        }
    }

    private void removeFramework(Framework framework, String why) {
        if (frameworks.remove(framework.id.getValue()) == null) {
            return;
        }
        LOG.info("removing framework {}: {}", framework.name(), why);
        framework.unregisteredMillis = System.currentTimeMillis();
        completedFrameworks.put(framework.id.getValue(), framework);
        while (completedFrameworks.size() > COMPLETED_FRAMEWORKS_KEPT) {
            completedFrameworks.remove(completedFrameworks.keySet().iterator().next());
        }
        cancel(framework.heartbeat);
        cancel(framework.failoverExpiry);
        for (Offer offer : new ArrayList<>(framework.offers.values())) {
            removeOffer(offer);
        }
        framework.filters.clear();
        for (Task task : new ArrayList<>(framework.tasks.values())) {
            cancel(task.updateRetry);
            task.pendingUpdates.clear();
            if (task.terminal()) {
                // Nobody will acknowledge its last update now; it is history, as in Mesos.
                framework.tasks.remove(task.id());
                framework.rememberCompleted(task);
            } else if (task.runner != null) {
                task.runner.kill(killGrace(task, null));
            }
        }
        // As Mesos does: close the stream without an ERROR event. A scheduler that subscribes again
        // with this framework id is told "Framework has been removed" (see doSubscribe).
        if (framework.stream != null) {
            framework.stream.close();
            framework.stream = null;
        }
        requestAllocation();
    }

    private CallResult updateFramework(Framework framework, Call.UpdateFramework update) {
        FrameworkInfo info = update.getFrameworkInfo();
        Optional<String> invalid = FrameworkValidation.validate(info, update.getSuppressedRolesList());
        if (invalid.isPresent()) {
            return CallResult.badRequest(invalid.get());
        }
        OfferConstraints constraints = OfferConstraints.NONE;
        if (update.hasOfferConstraints()) {
            try {
                constraints = OfferConstraints.of(update.getOfferConstraints());
            } catch (IllegalArgumentException e) {
                return CallResult.badRequest(e.getMessage());
            }
        }
        Optional<String> refused = FrameworkInfoUpdate.refuseUpdate(framework.info, info);
        if (refused.isPresent()) {
            return CallResult.badRequest(refused.get());
        }
        framework.info = info;
        framework.constraints = constraints;
        framework.suppressedRoles.clear();
        framework.suppressedRoles.addAll(update.getSuppressedRolesList());
        for (Offer offer : new ArrayList<>(framework.offers.values())) {
            if (!framework.roles().contains(offer.role)) {
                rescind(offer);
            }
        }
        requestAllocation();
        return CallResult.OK;
    }

    // ---------------------------------------------------------------- offers

    private void allocate() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        List<Framework> candidates = new ArrayList<>();
        for (Framework framework : frameworks.values()) {
            framework.filters.removeIf(f -> f.expired(now));
            if (framework.connected()) {
                candidates.add(framework);
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        // Dominant resource fairness, as Mesos' allocator: the framework holding the smallest
        // share of its dominant resource is offered first.
        Map<Framework, Double> shares = dominantShares(candidates);
        candidates.sort(Comparator.comparingDouble((Framework f) -> shares.get(f))
                .thenComparingLong(f -> f.registeredMillis));
        Map<Framework, List<Offer>> made = new LinkedHashMap<>();
        for (Agent agent : agents.values()) {
            for (Framework framework : candidates) {
                if (agent.hasGpus() && !framework.hasCapability(FrameworkInfo.Capability.Type.GPU_RESOURCES)) {
                    continue;
                }
                for (String role : framework.roles()) {
                    if (framework.suppressedRoles.contains(role) || !framework.constraints.admits(role, agent)) {
                        continue;
                    }
                    ResourceVector available = agent.available().usableBy(role);
                    if (!allocatable(available) || filtered(framework, role, agent, available, now)) {
                        continue;
                    }
                    made.computeIfAbsent(framework, f -> new ArrayList<>())
                            .add(createOffer(framework, agent, role, available));
                }
            }
        }
        made.forEach((framework, list) -> {
            Event.Offers.Builder event = Event.Offers.newBuilder();
            for (Offer offer : list) {
                event.addOffers(toProto(offer));
            }
            framework.send(Event.newBuilder().setType(Event.Type.OFFERS).setOffers(event).build());
        });
    }

    private Map<Framework, Double> dominantShares(List<Framework> candidates) {
        double[] totals = new double[3];
        for (Agent agent : agents.values()) {
            totals[0] += agent.total.scalar(ResourceNames.CPUS);
            totals[1] += agent.total.scalar(ResourceNames.MEM);
            totals[2] += agent.total.scalar(ResourceNames.GPUS);
        }
        Map<Framework, Double> shares = new LinkedHashMap<>();
        for (Framework framework : candidates) {
            ResourceVector held = ResourceVector.EMPTY;
            for (Task task : framework.tasks.values()) {
                if (!task.resourcesRecovered) {
                    held = held.plus(task.resources);
                }
            }
            for (Executor executor : framework.executors.values()) {
                held = held.plus(executor.resources);
            }
            for (Offer offer : framework.offers.values()) {
                held = held.plus(offer.resources);
            }
            double share = 0;
            String[] names = {ResourceNames.CPUS, ResourceNames.MEM, ResourceNames.GPUS};
            for (int i = 0; i < names.length; i++) {
                if (totals[i] > 0) {
                    share = Math.max(share, held.scalar(names[i]) / totals[i]);
                }
            }
            shares.put(framework, share);
        }
        return shares;
    }

    private static boolean allocatable(ResourceVector available) {
        return available.scalar(ResourceNames.CPUS) >= MIN_ALLOCATABLE_CPUS
                || available.scalar(ResourceNames.MEM) >= MIN_ALLOCATABLE_MEM;
    }

    private static boolean filtered(Framework framework, String role, Agent agent, ResourceVector available,
                                    long now) {
        for (RefuseFilter filter : framework.filters) {
            if (filter.holdsBack(role, agent, available, now)) {
                return true;
            }
        }
        return false;
    }

    private Offer createOffer(Framework framework, Agent agent, String role, ResourceVector resources) {
        OfferID id = OfferID.newBuilder().setValue(masterId + "-O" + offerCount++).build();
        Offer offer = new Offer(id, framework, agent, role, resources);
        agent.offered = agent.offered.plus(resources);
        offers.put(id.getValue(), offer);
        framework.offers.put(id, offer);
        Duration timeout = spec.offerTimeout();
        if (timeout != null) {
            offer.expiry = loop.schedule(() -> {
                if (offers.containsKey(id.getValue())) {
                    LOG.debug("offer {} timed out", id.getValue());
                    rescind(offer);
                    requestAllocation();
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        return offer;
    }

    private org.apache.mesos.v1.Protos.Offer toProto(Offer offer) {
        boolean refined = offer.framework.hasCapability(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT);
        org.apache.mesos.v1.Protos.Offer.Builder proto = org.apache.mesos.v1.Protos.Offer.newBuilder()
                .setId(offer.id)
                .setFrameworkId(offer.framework.id)
                .setAgentId(offer.agent.id)
                .setHostname(offer.agent.hostname)
                .setUrl(offer.agent.url)
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(offer.role))
                .addAllResources(offer.resources.toProtos(offer.role, refined))
                .addAllAttributes(offer.agent.attributes);
        Set<ExecutorID> executors = new HashSet<>();
        for (Task task : offer.framework.tasks.values()) {
            if (task.agent == offer.agent && !task.terminal() && executors.add(task.executorId)) {
                proto.addExecutorIds(task.executorId);
            }
        }
        return proto.build();
    }

    /** Takes an offer back without a filter and returns its resources to the agent. */
    private void removeOffer(Offer offer) {
        if (offers.remove(offer.id.getValue()) == null) {
            return;
        }
        offer.framework.offers.remove(offer.id);
        offer.agent.offered = offer.agent.offered.minus(offer.resources);
        cancel(offer.expiry);
    }

    private void rescind(Offer offer) {
        removeOffer(offer);
        offer.framework.send(Event.newBuilder().setType(Event.Type.RESCIND)
                .setRescind(Event.Rescind.newBuilder().setOfferId(offer.id)).build());
    }

    private void decline(Framework framework, List<OfferID> ids, Filters filters) {
        for (OfferID id : ids) {
            Offer offer = offers.get(id.getValue());
            if (offer == null || offer.framework != framework) {
                continue;
            }
            removeOffer(offer);
            refuseFor(framework, offer.agent, offer.role, offer.resources, filters);
        }
        requestAllocation();
    }

    private void refuseFor(Framework framework, Agent agent, String role, ResourceVector resources, Filters filters) {
        double seconds = filters.hasRefuseSeconds() ? filters.getRefuseSeconds() : DEFAULT_REFUSE_SECONDS;
        if (Double.isNaN(seconds) || seconds < 0) {
            seconds = DEFAULT_REFUSE_SECONDS;
        }
        if (seconds == 0 || resources.isEmpty()) {
            return;
        }
        // Mesos caps a refusal at one year.
        long nanos = (long) Math.min(seconds * 1e9, TimeUnit.DAYS.toNanos(365));
        framework.filters.add(new RefuseFilter(role, agent, resources, System.nanoTime() + nanos));
    }

    private void revive(Framework framework, List<String> roles) {
        List<String> affected = roles.isEmpty() ? framework.roles() : roles;
        framework.suppressedRoles.removeAll(affected);
        framework.filters.removeIf(f -> affected.contains(f.role()));
        requestAllocation();
    }

    private void suppress(Framework framework, List<String> roles) {
        framework.suppressedRoles.addAll(roles.isEmpty() ? framework.roles() : roles);
    }

    private void requestAllocation() {
        if (!allocationQueued && !closed) {
            allocationQueued = true;
            execute(() -> {
                allocationQueued = false;
                allocate();
            });
        }
    }

    // ---------------------------------------------------------------- accept and launch

    private void accept(Framework framework, Call.Accept accept) {
        Optional<String> invalid = validateOffers(framework, accept.getOfferIdsList());
        if (invalid.isPresent()) {
            for (OfferID id : accept.getOfferIdsList()) {
                Offer offer = offers.get(id.getValue());
                if (offer != null && offer.framework == framework) {
                    removeOffer(offer);
                }
            }
            TaskState state = framework.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
            for (org.apache.mesos.v1.Protos.Offer.Operation operation : accept.getOperationsList()) {
                for (TaskInfo task : tasksOf(operation)) {
                    framework.send(update(masterStatus(task.getTaskId(), task.getAgentId(), state,
                            "Task launched with invalid offers: " + invalid.get(),
                            TaskStatus.Reason.REASON_INVALID_OFFERS)));
                }
            }
            requestAllocation();
            return;
        }
        Agent agent = null;
        String role = null;
        ResourceVector remaining = ResourceVector.EMPTY;
        for (OfferID id : accept.getOfferIdsList()) {
            Offer offer = offers.get(id.getValue());
            agent = offer.agent;
            role = offer.role;
            remaining = remaining.plus(offer.resources);
            removeOffer(offer);
        }
        Set<String> launchedIds = new HashSet<>();
        for (org.apache.mesos.v1.Protos.Offer.Operation operation : accept.getOperationsList()) {
            switch (operation.getType()) {
                case LAUNCH:
                    for (TaskInfo task : operation.getLaunch().getTaskInfosList()) {
                        remaining = launchOrReject(framework, agent, role, task, remaining, null, launchedIds);
                    }
                    break;
                case LAUNCH_GROUP:
                    remaining = launchGroup(framework, agent, role, operation.getLaunchGroup(), remaining, launchedIds);
                    break;
                case RESERVE:
                case UNRESERVE:
                    remaining = convert(framework, agent, role, operation, remaining);
                    break;
                default:
                    LOG.warn("{} asked for operation {}, which the embedded cluster does not support",
                            framework.name(), operation.getType());
                    if (operation.hasId()) {
                        framework.send(Event.newBuilder().setType(Event.Type.UPDATE_OPERATION_STATUS)
                                .setUpdateOperationStatus(Event.UpdateOperationStatus.newBuilder()
                                        .setStatus(OperationStatus.newBuilder()
                                                .setOperationId(operation.getId())
                                                .setState(OperationState.OPERATION_ERROR)
                                                .setMessage("Operation " + operation.getType()
                                                        + " is not supported by the embedded cluster")))
                                .build());
                    }
            }
        }
        // Unused offered resources are declined with the ACCEPT's filters.
        refuseFor(framework, agent, role, remaining, accept.getFilters());
        requestAllocation();
    }

    /**
     * A framework's RESERVE or UNRESERVE on the offered {@code remaining}: later operations of the
     * same ACCEPT see the converted resources, and so does every later offer of the agent. As in
     * Mesos, an invalid one is dropped, with an OPERATION_ERROR only when it asked for feedback.
     */
    private ResourceVector convert(Framework framework, Agent agent, String role,
                                   org.apache.mesos.v1.Protos.Offer.Operation operation, ResourceVector remaining) {
        Optional<String> principal = framework.info.hasPrincipal()
                ? Optional.of(framework.info.getPrincipal()) : Optional.empty();
        ReservationOperation.Outcome outcome = operation.getType() == org.apache.mesos.v1.Protos.Offer.Operation.Type.RESERVE
                ? ReservationOperation.reserve(operation.getReserve().getResourcesList(), principal, role, remaining)
                : ReservationOperation.unreserve(operation.getUnreserve().getResourcesList(), role, remaining);
        if (!outcome.done()) {
            String message = outcome.message() + "; on " + agent.describe();
            LOG.warn("Dropping {} operation from {}: {}", operation.getType(), framework.name(), message);
            if (operation.hasId()) {
                sendOperationStatus(framework, OperationStatus.newBuilder().setOperationId(operation.getId())
                        .setState(OperationState.OPERATION_ERROR).setMessage(message));
            }
            return remaining;
        }
        agent.total = agent.total.minus(remaining).plus(outcome.after());
        LOG.info("{} of {} on {}: {}", operation.getType(), framework.name(), agent.id.getValue(), outcome.after());
        if (operation.hasId()) {
            // Mesos applies these on the master at once and reports them finished, with a uuid to acknowledge.
            sendOperationStatus(framework, OperationStatus.newBuilder().setOperationId(operation.getId())
                    .setState(OperationState.OPERATION_FINISHED).setAgentId(agent.id)
                    .setUuid(org.apache.mesos.v1.Protos.UUID.newBuilder().setValue(randomUuid())));
        }
        return outcome.after();
    }

    private static void sendOperationStatus(Framework framework, OperationStatus.Builder status) {
        framework.send(Event.newBuilder().setType(Event.Type.UPDATE_OPERATION_STATUS)
                .setUpdateOperationStatus(Event.UpdateOperationStatus.newBuilder().setStatus(status)).build());
    }

    /**
     * The operator API's RESERVE_RESOURCES and UNRESERVE_RESOURCES on an agent's resources that no
     * task uses; offers holding what is needed are rescinded first, as Mesos does.
     *
     * @param principal the authenticated operator, whose name every new reservation must carry
     */
    CompletableFuture<CallResult> operatorReservation(boolean reserve, AgentID agentId, List<Resource> resources,
                                                      Optional<String> principal) {
        return onLoop(() -> {
            Agent agent = agents.get(agentId.getValue());
            if (agent == null) {
                return CallResult.badRequest("No agent found with specified ID");
            }
            ReservationOperation.Outcome outcome = tryOperator(reserve, agent, resources, principal);
            if (outcome.verdict() == ReservationOperation.Verdict.CONFLICT) {
                for (Offer offer : new ArrayList<>(offers.values())) {
                    if (offer.agent == agent) {
                        rescind(offer);
                    }
                }
                outcome = tryOperator(reserve, agent, resources, principal);
            }
            switch (outcome.verdict()) {
                case DONE:
                    agent.total = agent.total.minus(agent.available()).plus(outcome.after());
                    LOG.info("{} by an operator on {}: {}", reserve ? "RESERVE" : "UNRESERVE", agent.id.getValue(),
                            ResourceVector.of(resources));
                    requestAllocation();
                    return CallResult.ACCEPTED;
                case CONFLICT:
                    requestAllocation();
                    return new CallResult(409, outcome.message());
                case INVALID_CALL:
                    return CallResult.badRequest("Failed to validate master::Call: " + outcome.message());
                default:
                    return CallResult.badRequest(reserve
                            ? "Invalid RESERVE operation on " + agent.describe() + ": " + outcome.message()
                            : "Invalid UNRESERVE operation: " + outcome.message());
            }
        });
    }

    private static ReservationOperation.Outcome tryOperator(boolean reserve, Agent agent, List<Resource> resources,
                                                            Optional<String> principal) {
        return reserve ? ReservationOperation.reserve(resources, principal, null, agent.available())
                : ReservationOperation.unreserve(resources, null, agent.available());
    }

    private Optional<String> validateOffers(Framework framework, List<OfferID> ids) {
        if (ids.isEmpty()) {
            return Optional.of("No offers specified");
        }
        Set<String> seen = new HashSet<>();
        Agent agent = null;
        String role = null;
        for (OfferID id : ids) {
            if (!seen.add(id.getValue())) {
                return Optional.of("Duplicate offer " + id.getValue() + " in offers");
            }
            Offer offer = offers.get(id.getValue());
            if (offer == null) {
                return Optional.of("Offer " + id.getValue() + " is no longer valid");
            }
            if (offer.framework != framework) {
                return Optional.of("Offer " + id.getValue() + " has invalid framework");
            }
            if (agent != null && offer.agent != agent) {
                return Optional.of("Aggregated offers must belong to one single agent");
            }
            if (role != null && !offer.role.equals(role)) {
                return Optional.of("Aggregated offers must be allocated to the same role");
            }
            agent = offer.agent;
            role = offer.role;
        }
        return Optional.empty();
    }

    private static List<TaskInfo> tasksOf(org.apache.mesos.v1.Protos.Offer.Operation operation) {
        switch (operation.getType()) {
            case LAUNCH:
                return operation.getLaunch().getTaskInfosList();
            case LAUNCH_GROUP:
                return operation.getLaunchGroup().getTaskGroup().getTasksList();
            default:
                return List.of();
        }
    }

    private ResourceVector launchOrReject(Framework framework, Agent agent, String role, TaskInfo task,
                                          ResourceVector remaining, TaskGroup group, Set<String> launchedIds) {
        ExecutorID executorId = task.hasExecutor() ? task.getExecutor().getExecutorId()
                : ExecutorID.newBuilder().setValue(task.getTaskId().getValue()).build();
        Executor running = task.hasExecutor() ? framework.executors.get(Executor.key(agent.id, executorId)) : null;
        Optional<String> invalid = TaskValidation.validate(task, framework, agent, role, remaining, launchedIds,
                running != null);
        if (invalid.isPresent()) {
            LOG.info("task {} of {} is invalid: {}", task.getTaskId().getValue(), framework.name(), invalid.get());
            framework.send(update(masterStatus(task.getTaskId(), task.getAgentId(), TaskState.TASK_ERROR,
                    invalid.get(), TaskStatus.Reason.REASON_TASK_INVALID)));
            return remaining;
        }
        ResourceVector needed = ResourceVector.of(task.getResourcesList());
        ResourceVector used = needed;
        if (task.hasExecutor() && running == null) {
            // The executor's first task: its resources are charged now, once for all its tasks.
            ResourceVector executorResources = ResourceVector.of(task.getExecutor().getResourcesList());
            running = new Executor(executorId, executorResources,
                    agent.takeGpus((int) Math.round(executorResources.scalar(ResourceNames.GPUS))));
            framework.executors.put(Executor.key(agent.id, executorId), running);
            agent.allocated = agent.allocated.plus(running.resources);
            used = used.plus(running.resources);
        }
        Task launched = launch(framework, agent, role, task, needed, group, executorId,
                running == null ? List.of() : running.gpus);
        if (running != null) {
            running.taskStarted();
            launched.executor = running;
        }
        launchedIds.add(task.getTaskId().getValue());
        return remaining.minus(used);
    }

    private ResourceVector launchGroup(Framework framework, Agent agent, String role,
                                       org.apache.mesos.v1.Protos.Offer.Operation.LaunchGroup launchGroup,
                                       ResourceVector remaining, Set<String> launchedIds) {
        TaskGroupInfo group = launchGroup.getTaskGroup();
        Optional<String> invalid = Optional.empty();
        ResourceVector executorResources = ResourceVector.EMPTY;
        if (!launchGroup.hasExecutor()) {
            invalid = Optional.of("LAUNCH_GROUP needs an executor");
        } else {
            Optional<String> bad = ResourceValidation.validate(launchGroup.getExecutor().getResourcesList());
            if (bad.isPresent()) {
                invalid = Optional.of("Executor uses invalid resources: " + bad.get());
            } else {
                executorResources = ResourceVector.of(launchGroup.getExecutor().getResourcesList());
            }
        }
        if (invalid.isEmpty() && !remaining.contains(executorResources)) {
            invalid = Optional.of("Executor uses more resources " + executorResources + " than available " + remaining);
        }
        // A group launches whole or not at all: check every task against what is left after the others.
        ResourceVector left = invalid.isPresent() ? remaining : remaining.minus(executorResources);
        Set<String> groupIds = new HashSet<>(launchedIds);
        for (TaskInfo task : group.getTasksList()) {
            if (invalid.isPresent()) {
                break;
            }
            if (task.hasExecutor()) {
                invalid = Optional.of("Task " + task.getTaskId().getValue() + " in a group must not have an executor");
                break;
            }
            invalid = TaskValidation.validate(task, framework, agent, role, left, groupIds);
            if (invalid.isEmpty()) {
                left = left.minus(ResourceVector.of(task.getResourcesList()));
                groupIds.add(task.getTaskId().getValue());
            }
        }
        if (invalid.isPresent()) {
            for (TaskInfo task : group.getTasksList()) {
                framework.send(update(masterStatus(task.getTaskId(), task.getAgentId(), TaskState.TASK_ERROR,
                        invalid.get(), TaskStatus.Reason.REASON_TASK_GROUP_INVALID)));
            }
            return remaining;
        }
        TaskGroup taskGroup = new TaskGroup(framework.id.getValue() + "-group-" + groupCount++, executorResources);
        agent.allocated = agent.allocated.plus(executorResources);
        ExecutorID executorId = launchGroup.getExecutor().getExecutorId();
        for (TaskInfo task : group.getTasksList()) {
            launch(framework, agent, role, task, ResourceVector.of(task.getResourcesList()), taskGroup, executorId,
                    List.of());
            launchedIds.add(task.getTaskId().getValue());
        }
        return left;
    }

    /** @param executorGpus GPUs the task's executor holds, which the task sees beside its own */
    private Task launch(Framework framework, Agent agent, String role, TaskInfo task, ResourceVector needed,
                        TaskGroup group, ExecutorID executorId, List<GpuDevice> executorGpus) {
        int gpuCount = (int) Math.round(needed.scalar(ResourceNames.GPUS));
        List<GpuDevice> gpus = agent.takeGpus(gpuCount);
        agent.allocated = agent.allocated.plus(needed);
        Path sandbox = agent.sandboxRoot.resolve("frameworks").resolve(framework.id.getValue())
                .resolve("executors").resolve(executorId.getValue())
                .resolve("runs").resolve(UUID.randomUUID().toString());
        Task launched = new Task(task, framework, agent, executorId, needed, role, gpus, sandbox, group);
        framework.tasks.put(launched.id(), launched);
        if (group != null) {
            group.tasks.add(launched);
        }
        CommandInfo command = task.hasCommand() ? task.getCommand() : task.getExecutor().getCommand();
        ContainerInfo container = task.hasContainer() ? task.getContainer()
                : task.hasExecutor() && task.getExecutor().hasContainer() ? task.getExecutor().getContainer() : null;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MESOS_SANDBOX", sandbox.toString());
        env.put("MESOS_DIRECTORY", sandbox.toString());
        env.put("MESOS_FRAMEWORK_ID", framework.id.getValue());
        env.put("MESOS_AGENT_ID", agent.id.getValue());
        env.put("MESOS_EXECUTOR_ID", executorId.getValue());
        env.put("MESOS_TASK_ID", launched.id());
        List<GpuDevice> visible = new ArrayList<>(executorGpus);
        visible.addAll(gpus);
        TaskRunner.Launch spec = new TaskRunner.Launch(launched.id(), command, container, sandbox, env, visible);
        launched.runner = new TaskRunner(spec,
                (state, message, reason) -> execute(() -> onRunnerStatus(launched, state, message, reason)),
                fetcher, loop);
        LOG.info("launching task {} of {} on agent {} with {}{}", launched.id(), framework.name(),
                agent.id.getValue(), needed, gpus.isEmpty() ? "" : " (GPUs " + gpuIndices(gpus) + ")");
        launched.runner.start(workers);
        return launched;
    }

    // ---------------------------------------------------------------- status updates

    private void onRunnerStatus(Task task, TaskState state, String message, TaskStatus.Reason reason) {
        if (state == TaskState.TASK_KILLED && task.state == TaskState.TASK_KILLED) {
            return;
        }
        TaskStatus.Builder status = TaskStatus.newBuilder()
                .setTaskId(task.info.getTaskId())
                .setState(state)
                .setSource(TaskStatus.Source.SOURCE_EXECUTOR)
                .setAgentId(task.agent.id)
                .setExecutorId(task.executorId)
                .setTimestamp(System.currentTimeMillis() / 1000.0)
                .setUuid(randomUuid());
        if (message != null) {
            status.setMessage(message);
        }
        if (reason != null) {
            status.setReason(reason);
        }
        forwardUpdate(task, status.build());
        if (TaskStates.isTerminal(state) && task.group != null && state != TaskState.TASK_FINISHED) {
            for (Task sibling : task.group.tasks) {
                if (!sibling.terminal() && sibling.runner != null) {
                    sibling.runner.kill(killGrace(sibling, null));
                }
            }
        }
    }

    private void forwardUpdate(Task task, TaskStatus status) {
        task.state = status.getState();
        task.latestStatus = status;
        if (task.terminal() && !task.resourcesRecovered) {
            task.resourcesRecovered = true;
            task.agent.allocated = task.agent.allocated.minus(task.resources);
            task.agent.returnGpus(task.gpus);
            TaskGroup group = task.group;
            if (group != null && group.allTerminal() && !group.executorResourcesRecovered) {
                group.executorResourcesRecovered = true;
                task.agent.allocated = task.agent.allocated.minus(group.executorResources);
            }
            Executor executor = task.executor;
            if (executor != null && executor.taskEnded()) {
                task.framework.executors.remove(Executor.key(task.agent.id, executor.id));
                task.agent.allocated = task.agent.allocated.minus(executor.resources);
                task.agent.returnGpus(executor.gpus);
            }
            requestAllocation();
        }
        Framework framework = task.framework;
        if (!frameworks.containsKey(framework.id.getValue())) {
            // The framework is gone; nobody will acknowledge, so the task is done with.
            if (task.terminal() && framework.tasks.remove(task.id()) != null) {
                framework.rememberCompleted(task);
            }
            return;
        }
        task.pendingUpdates.addLast(status);
        if (task.pendingUpdates.size() == 1) {
            sendHeadUpdate(task, false);
        }
    }

    /** Sends the oldest unacknowledged update and re-sends it, backing off, until acknowledged. */
    private void sendHeadUpdate(Task task, boolean retry) {
        TaskStatus head = task.pendingUpdates.peekFirst();
        cancel(task.updateRetry);
        if (head == null || closed) {
            return;
        }
        task.framework.send(update(head));
        long base = spec.statusUpdateRetryInterval().toMillis();
        task.updateRetryMillis = retry ? Math.min(task.updateRetryMillis * 2, MAX_UPDATE_RETRY_MILLIS) : base;
        task.updateRetry = loop.schedule(() -> sendHeadUpdate(task, true), task.updateRetryMillis,
                TimeUnit.MILLISECONDS);
    }

    private void acknowledge(Framework framework, Call.Acknowledge ack) {
        Task task = framework.tasks.get(ack.getTaskId().getValue());
        if (task == null || !task.agent.id.equals(ack.getAgentId())) {
            LOG.debug("acknowledgement for unknown task {} of {}", ack.getTaskId().getValue(), framework.name());
            return;
        }
        TaskStatus head = task.pendingUpdates.peekFirst();
        if (head == null || !head.getUuid().equals(ack.getUuid())) {
            LOG.debug("unexpected acknowledgement for task {} of {}", task.id(), framework.name());
            return;
        }
        task.pendingUpdates.removeFirst();
        cancel(task.updateRetry);
        if (!task.pendingUpdates.isEmpty()) {
            sendHeadUpdate(task, false);
        } else if (task.terminal()) {
            framework.tasks.remove(task.id());
            framework.rememberCompleted(task);
        }
    }

    private void kill(Framework framework, Call.Kill kill) {
        Task task = framework.tasks.get(kill.getTaskId().getValue());
        if (task == null) {
            // As Mesos does for a task it does not know: answer with what reconciliation would say.
            reconcileUnknown(framework, kill.getTaskId(), kill.hasAgentId() ? kill.getAgentId() : null);
            return;
        }
        if (task.terminal() || task.runner == null) {
            return;
        }
        if (framework.hasCapability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE)
                && task.state != TaskState.TASK_KILLING) {
            onRunnerStatus(task, TaskState.TASK_KILLING, "Killing the task", null);
        }
        task.runner.kill(killGrace(task, kill.hasKillPolicy() ? kill.getKillPolicy() : null));
    }

    private Duration killGrace(Task task, org.apache.mesos.v1.Protos.KillPolicy override) {
        org.apache.mesos.v1.Protos.KillPolicy policy = override != null ? override
                : task.info.hasKillPolicy() ? task.info.getKillPolicy() : null;
        if (policy != null && policy.hasGracePeriod()) {
            return Duration.ofNanos(Math.max(0, policy.getGracePeriod().getNanoseconds()));
        }
        return spec.killGracePeriod();
    }

    private void shutdownExecutor(Framework framework, Call.Shutdown shutdown) {
        for (Task task : framework.tasks.values()) {
            if (task.executorId.equals(shutdown.getExecutorId()) && task.agent.id.equals(shutdown.getAgentId())
                    && !task.terminal() && task.runner != null) {
                task.runner.kill(killGrace(task, null));
            }
        }
    }

    private void reconcile(Framework framework, Call.Reconcile reconcile) {
        if (reconcile.getTasksCount() == 0) {
            for (Task task : framework.tasks.values()) {
                framework.send(update(reconciliationStatus(task)));
            }
            return;
        }
        for (Call.Reconcile.Task wanted : reconcile.getTasksList()) {
            Task task = framework.tasks.get(wanted.getTaskId().getValue());
            if (task != null) {
                framework.send(update(reconciliationStatus(task)));
            } else {
                reconcileUnknown(framework, wanted.getTaskId(), wanted.hasAgentId() ? wanted.getAgentId() : null);
            }
        }
    }

    private void reconcileUnknown(Framework framework, TaskID taskId, AgentID agentId) {
        boolean agentKnown = agentId != null && agents.containsKey(agentId.getValue());
        TaskState state;
        if (!framework.partitionAware()) {
            state = TaskState.TASK_LOST;
        } else {
            state = agentKnown ? TaskState.TASK_GONE : TaskState.TASK_UNKNOWN;
        }
        framework.send(update(masterStatus(taskId, agentId, state, "Reconciliation: Task is unknown",
                TaskStatus.Reason.REASON_RECONCILIATION)));
    }

    private TaskStatus reconciliationStatus(Task task) {
        TaskStatus.Builder status = TaskStatus.newBuilder()
                .setTaskId(task.info.getTaskId())
                .setState(task.state)
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                .setMessage("Reconciliation: Latest task state")
                .setAgentId(task.agent.id)
                .setExecutorId(task.executorId)
                .setTimestamp(System.currentTimeMillis() / 1000.0);
        return status.build();
    }

    private void reconcileOperations(Framework framework, Call.ReconcileOperations reconcile) {
        // No operation here ever has feedback, so every operation asked about is unknown.
        for (Call.ReconcileOperations.Operation operation : reconcile.getOperationsList()) {
            OperationStatus.Builder status = OperationStatus.newBuilder()
                    .setOperationId(operation.getOperationId())
                    .setState(OperationState.OPERATION_UNKNOWN);
            if (operation.hasAgentId()) {
                status.setAgentId(operation.getAgentId());
            }
            framework.send(Event.newBuilder().setType(Event.Type.UPDATE_OPERATION_STATUS)
                    .setUpdateOperationStatus(Event.UpdateOperationStatus.newBuilder().setStatus(status))
                    .build());
        }
    }

    /** A master-generated update: no uuid, so the framework must not (and cannot) acknowledge it. */
    private static TaskStatus masterStatus(TaskID taskId, AgentID agentId, TaskState state, String message,
                                           TaskStatus.Reason reason) {
        TaskStatus.Builder status = TaskStatus.newBuilder()
                .setTaskId(taskId)
                .setState(state)
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(reason)
                .setMessage(message)
                .setTimestamp(System.currentTimeMillis() / 1000.0);
        if (agentId != null && !agentId.getValue().isEmpty()) {
            status.setAgentId(agentId);
        }
        return status.build();
    }

    private static Event update(TaskStatus status) {
        return Event.newBuilder().setType(Event.Type.UPDATE)
                .setUpdate(Event.Update.newBuilder().setStatus(status)).build();
    }

    private static Event error(String message) {
        return Event.newBuilder().setType(Event.Type.ERROR)
                .setError(Event.Error.newBuilder().setMessage(message)).build();
    }

    private static ByteString randomUuid() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return ByteString.copyFrom(bytes.array());
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

    // ---------------------------------------------------------------- state for /state

    Map<String, Agent> agents() {
        return agents;
    }

    Map<String, Framework> frameworks() {
        return frameworks;
    }

    Map<String, Framework> completedFrameworks() {
        return completedFrameworks;
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

    // ---------------------------------------------------------------- plumbing

    private void execute(Runnable work) {
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

    private static void cancel(java.util.concurrent.Future<?> future) {
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
