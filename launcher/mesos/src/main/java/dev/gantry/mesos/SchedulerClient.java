package dev.gantry.mesos;

import dev.gantry.protocol.MediaType;
import dev.gantry.protocol.RecordIo;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.mesos.protobuf.ByteString;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler of Mesos' v1 HTTP API ({@code POST /api/v1/scheduler}). {@link #start()} subscribes
 * on a background thread and keeps the subscription alive: it follows the leader on 307, backs
 * off while no master answers, resubscribes with the framework id after a lost stream or a
 * heartbeat partition, and stops for good when the master refuses the framework. Events reach the
 * {@link SchedulerListener} in order on that thread.
 *
 * <p>Every call returns a future that completes when the master accepts the call, and fails with
 * a {@link MesosCallException} when it does not, or at once with an
 * {@link IllegalStateException} while the client has no live subscription. Calls reach the master
 * in the order they were made, one at a time (a call waits for the answer to the one before).
 *
 * <p>One file past 400 lines on purpose: it is the module's public face, a short method per
 * scheduler call on one subscription's state plus {@link Builder}, which callers (Spark's backend,
 * the CLI) name as {@code SchedulerClient.Builder}; the jobs behind it are classes of their own
 * ({@code SubscriptionLoop}, {@code MasterConnector} and {@code EventStream} subscribe, follow
 * redirects and read events, {@code HeartbeatWatchdog} notices silence, {@code CallQueue} and
 * {@code CallSender} send calls).
 */
public final class SchedulerClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerClient.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final SubscriptionState state;
    private final CallSender calls;
    private final CallQueue queue = new CallQueue();
    private final SubscriptionLoop loop;
    private final ZooKeeperUrl zooKeeper;
    private final Object lifecycle = new Object();
    private Thread thread;
    private boolean started;

    private SchedulerClient(Builder builder) {
        FrameworkInfo info = builder.frameworkInfo;
        if (builder.credential != null && !info.hasPrincipal()) {
            // The master requires FrameworkInfo.principal to equal the authenticated principal.
            info = info.toBuilder().setPrincipal(builder.credential.principal()).build();
        }
        MasterDetector detector;
        URI initialLeader = null;
        if (builder.zooKeeper != null) {
            detector = new ZooKeeperMasterDetector(builder.zooKeeper, builder.requestTimeout);
            this.zooKeeper = builder.zooKeeper;
        } else {
            List<URI> endpoints = new ArrayList<>();
            for (URI master : builder.masters) {
                endpoints.add(MasterAddresses.endpoint(master));
            }
            StaticMasters masters = new StaticMasters(endpoints);
            detector = masters;
            initialLeader = masters.first();
            this.zooKeeper = null;
        }
        this.state = new SubscriptionState(detector.describe(), initialLeader, info, builder.suppressedRoles);
        HttpClient http = builder.httpClient != null ? builder.httpClient : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(builder.requestTimeout)
                .build();
        SchedulerRequests requests = new SchedulerRequests(builder.mediaType, builder.credential, builder.requestTimeout);
        BlockingSection blocking = new BlockingSection();
        this.calls = new CallSender(http, requests);
        this.loop = new SubscriptionLoop(state, detector, new MasterConnector(http, requests, builder.credential, blocking),
                new EventDispatcher(builder.listener), new Backoff(builder.backoffInitial, builder.backoffMax),
                new HeartbeatWatchdog("gantry-mesos-heartbeat"), blocking, builder.heartbeatMisses,
                builder.maxEventBytes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts subscribing on a daemon thread and returns at once.
     *
     * @throws IllegalStateException when called twice or after {@link #close()}
     */
    public void start() {
        synchronized (lifecycle) {
            if (started) {
                throw new IllegalStateException("the scheduler client was started already");
            }
            if (state.stopped()) {
                throw new IllegalStateException("the scheduler client was closed");
            }
            started = true;
            thread = new Thread(loop, "gantry-mesos-scheduler");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Waits until the client is subscribed (now, or again after a lost stream).
     *
     * @return the framework id the master assigned
     * @throws TimeoutException when not subscribed in time; the message names the last problem
     * @throws IllegalStateException when the client stopped, with the reason (e.g. a refused credential)
     */
    public FrameworkID awaitSubscribed(Duration timeout) throws InterruptedException, TimeoutException {
        return state.awaitSubscribed(timeout);
    }

    /** The framework id, once a master assigned one (or as given in the FrameworkInfo). */
    public Optional<FrameworkID> frameworkId() {
        return state.frameworkId();
    }

    /**
     * The master the client talks to: the last known leader, e.g. {@code http://host:5050}; with
     * ZooKeeper, its URL ({@code zk://host:2181/mesos}, password hidden) until a leader is detected.
     */
    public URI master() {
        URI leader = state.leader();
        return leader == null ? URI.create(zooKeeper.toString()) : MasterAddresses.baseOf(leader);
    }

    /** The id of the live event stream; empty while not subscribed. */
    public Optional<String> streamId() {
        return state.streamId();
    }

    /** Roles the client asks the master not to offer, as sent on the next resubscribe. */
    public Set<String> suppressedRoles() {
        return state.suppressedRoles();
    }

    public CompletableFuture<Void> accept(List<OfferID> offerIds, List<Offer.Operation> operations, Filters filters) {
        return send(id -> Calls.accept(id, offerIds, operations, filters));
    }

    /** ACCEPT one offer with one LAUNCH of {@code tasks}; the offer's unused resources are declined. */
    public CompletableFuture<Void> launch(OfferID offerId, List<TaskInfo> tasks, Filters filters) {
        return accept(List.of(offerId), List.of(Calls.launch(tasks)), filters);
    }

    /** ACCEPT one offer with one LAUNCH_GROUP: a task group started together by {@code executor}. */
    public CompletableFuture<Void> launchGroup(OfferID offerId, ExecutorInfo executor, TaskGroupInfo taskGroup,
                                               Filters filters) {
        return accept(List.of(offerId), List.of(Calls.launchGroup(executor, taskGroup)), filters);
    }

    /** DECLINE; {@code filters} (may be null) say how long not to offer the resources again (default 5 s). */
    public CompletableFuture<Void> decline(List<OfferID> offerIds, Filters filters) {
        return send(id -> Calls.decline(id, offerIds, filters));
    }

    /** REVIVE offers for {@code roles}, or for all of the framework's roles when empty. */
    public CompletableFuture<Void> revive(Collection<String> roles) {
        List<String> revived = List.copyOf(roles);
        return send(id -> Calls.revive(id, revived)).thenRun(() -> state.revived(revived));
    }

    /**
     * SUPPRESS offers for {@code roles}, or for all of the framework's roles when empty. The
     * client remembers suppressed roles and sends them on resubscribe, so a reconnect does not
     * bring back offers the framework turned off.
     */
    public CompletableFuture<Void> suppress(Collection<String> roles) {
        List<String> suppressed = List.copyOf(roles);
        return send(id -> Calls.suppress(id, suppressed)).thenRun(() -> state.suppressed(suppressed));
    }

    /** KILL a task; {@code agentId} may be null when unknown. */
    public CompletableFuture<Void> kill(TaskID taskId, AgentID agentId) {
        return kill(taskId, agentId, null);
    }

    /** KILL a task with a kill policy overriding the task's own (e.g. a shorter grace period). */
    public CompletableFuture<Void> kill(TaskID taskId, AgentID agentId, KillPolicy killPolicy) {
        return send(id -> Calls.kill(id, taskId, agentId, killPolicy));
    }

    public CompletableFuture<Void> shutdown(ExecutorID executorId, AgentID agentId) {
        return send(id -> Calls.shutdown(id, executorId, agentId));
    }

    public CompletableFuture<Void> acknowledge(AgentID agentId, TaskID taskId, ByteString uuid) {
        return send(id -> Calls.acknowledge(id, agentId, taskId, uuid));
    }

    /**
     * ACKNOWLEDGE a status update if it needs it: only updates with a {@code uuid} do. Those the
     * master generates itself (reconciliation, agent loss) carry none, and acknowledging them is
     * an error; for them this returns a completed future.
     */
    public CompletableFuture<Void> acknowledge(TaskStatus status) {
        if (!status.hasUuid() || status.getUuid().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (!status.hasAgentId()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("status of task "
                    + status.getTaskId().getValue() + " carries a uuid but no agent id"));
        }
        return acknowledge(status.getAgentId(), status.getTaskId(), status.getUuid());
    }

    /** RECONCILE the given tasks, or every task the master knows of the framework when empty. */
    public CompletableFuture<Void> reconcile(List<Call.Reconcile.Task> tasks) {
        return send(id -> Calls.reconcile(id, tasks));
    }

    /** MESSAGE: bytes to an executor, delivered at most once. */
    public CompletableFuture<Void> message(AgentID agentId, ExecutorID executorId, byte[] data) {
        byte[] copy = data.clone();
        return send(id -> Calls.message(id, agentId, executorId, copy));
    }

    public CompletableFuture<Void> request(List<org.apache.mesos.v1.Protos.Request> requests) {
        return send(id -> Calls.request(id, requests));
    }

    /**
     * UPDATE_FRAMEWORK: changes the framework's info (roles, capabilities, failover timeout) without
     * resubscribing. Once the master accepts it, later resubscribes send the new info.
     */
    public CompletableFuture<Void> updateFramework(FrameworkInfo info, Collection<String> suppressedRoles) {
        List<String> suppressed = List.copyOf(suppressedRoles);
        return send(id -> Calls.updateFramework(id, info, suppressed))
                .thenRun(() -> state.frameworkUpdated(info, suppressed));
    }

    /**
     * TEARDOWN: the master kills all of the framework's tasks and forgets it. The client stops
     * resubscribing at once and shuts down when the master has answered.
     */
    public CompletableFuture<Void> teardown() {
        SubscriptionState.Session session;
        try {
            session = state.session();
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        // Stop first: the master ends the stream on teardown, and that must not look like a loss.
        if (!state.stop("the framework was torn down")) {
            return CompletableFuture.failedFuture(new IllegalStateException("the scheduler client has stopped: "
                    + state.stopReason().orElse("stopped")));
        }
        LOG.info("tearing down framework {} at {}", session.frameworkId().getValue(), session.endpoint());
        Call teardown = Calls.teardown(session.frameworkId());
        // Queued like any call: the KILLs and ACKNOWLEDGEs made before it still reach the master first.
        return queue.submit(() -> calls.send(session.endpoint(), session.streamId(), teardown))
                .whenComplete((ok, failure) -> loop.abort("the framework was torn down"));
    }

    /**
     * Stops the event stream and the client's threads without TEARDOWN: the master keeps the
     * framework and its tasks for the framework's {@code failover_timeout}, so a new client can
     * resubscribe with the same framework id. Idempotent.
     */
    @Override
    public void close() {
        if (state.stop("the scheduler client was closed")) {
            LOG.info("closing the scheduler client (no TEARDOWN; the framework may fail over)");
        }
        loop.abort("the scheduler client was closed");
        Thread running;
        synchronized (lifecycle) {
            running = thread;
        }
        // Wait for the thread so that stopped() has been called when close() returns, unless a
        // listener callback is closing the client from that very thread.
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private CompletableFuture<Void> send(Function<FrameworkID, Call> call) {
        SubscriptionState.Session session;
        try {
            session = state.session();
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        Call built = call.apply(session.frameworkId());
        return queue.submit(() -> calls.send(session.endpoint(), session.streamId(), built));
    }

    @Override
    public String toString() {
        return "SchedulerClient[master=" + master() + ", framework="
                + state.frameworkId().map(FrameworkID::getValue).orElse("(none yet)") + "]";
    }

    /** Configures a {@link SchedulerClient}; {@code master} and {@code frameworkInfo} are required. */
    public static final class Builder {
        private List<URI> masters;
        private ZooKeeperUrl zooKeeper;
        private FrameworkInfo frameworkInfo;
        private Collection<String> suppressedRoles = List.of();
        private MediaType mediaType = MediaType.PROTOBUF;
        private Credential credential;
        private SchedulerListener listener = new SchedulerListener() {};
        private Duration backoffInitial = Duration.ofMillis(500);
        private Duration backoffMax = Duration.ofSeconds(30);
        private int heartbeatMisses = 5;
        private HttpClient httpClient;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxEventBytes = RecordIo.DEFAULT_MAX_RECORD_BYTES;

        private Builder() {}

        /**
         * The master, or masters tried in order when one cannot be reached:
         * {@code mesos://host:5050}, {@code http://host:5050}, {@code https://host:5050},
         * {@code mesos://m1:5050,m2:5050}; or the ZooKeeper the masters elect their leader in,
         * {@code mesos://zk://host:2181[,host:2181]/mesos} (also {@code zk://user:password@...}),
         * read before every (re)subscribe.
         */
        public Builder master(String master) {
            if (ZooKeeperUrl.isZooKeeper(master)) {
                this.zooKeeper = ZooKeeperUrl.parse(master);
                this.masters = null;
            } else {
                this.masters = MasterAddresses.parse(master);
                this.zooKeeper = null;
            }
            return this;
        }

        public Builder master(URI master) {
            if (ZooKeeperUrl.isZooKeeper(master.toString())) {
                return master(master.toString());
            }
            this.masters = List.of(MasterAddresses.parse(master));
            this.zooKeeper = null;
            return this;
        }

        /** See {@link FrameworkInfos}. With an {@code id} set, the client fails over to that framework. */
        public Builder frameworkInfo(FrameworkInfo frameworkInfo) {
            this.frameworkInfo = Objects.requireNonNull(frameworkInfo, "frameworkInfo");
            return this;
        }

        /** Roles that get no offers from the start, until a REVIVE. */
        public Builder suppressedRoles(Collection<String> suppressedRoles) {
            this.suppressedRoles = List.copyOf(suppressedRoles);
            return this;
        }

        /** The encoding of calls and events; protobuf unless told otherwise. */
        public Builder mediaType(MediaType mediaType) {
            this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
            return this;
        }

        public Builder credential(Credential credential) {
            this.credential = credential;
            return this;
        }

        public Builder listener(SchedulerListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Delays between SUBSCRIBE attempts: doubling from {@code initial} up to {@code max}, with jitter. */
        public Builder backoff(Duration initial, Duration max) {
            Backoff.validate(initial, max);
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        /** After this many heartbeat intervals without any event the connection counts as lost. */
        public Builder heartbeatMissesBeforeReconnect(int misses) {
            if (misses < 1) {
                throw new IllegalArgumentException("heartbeat misses must be at least 1: " + misses);
            }
            this.heartbeatMisses = misses;
            return this;
        }

        /**
         * The HTTP client to use; it must not follow redirects (the client handles 307 itself).
         * Requests are made with HTTP/1.1 whatever the client prefers.
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** How long to wait for a master's answer to a call (not for the events of a stream). */
        public Builder requestTimeout(Duration requestTimeout) {
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
            }
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** The largest event accepted; a longer RecordIO length drops the connection unread. */
        public Builder maxEventBytes(int maxEventBytes) {
            if (maxEventBytes < 1) {
                throw new IllegalArgumentException("max event bytes must be positive: " + maxEventBytes);
            }
            this.maxEventBytes = maxEventBytes;
            return this;
        }

        public SchedulerClient build() {
            if (masters == null && zooKeeper == null) {
                throw new IllegalStateException("no Mesos master given; set one with master(\"mesos://host:5050\")");
            }
            if (frameworkInfo == null) {
                throw new IllegalStateException("no FrameworkInfo given; build one with FrameworkInfos");
            }
            if (credential != null && frameworkInfo.hasPrincipal()
                    && !frameworkInfo.getPrincipal().equals(credential.principal())) {
                throw new IllegalArgumentException("FrameworkInfo.principal '" + frameworkInfo.getPrincipal()
                        + "' differs from the credential's principal '" + credential.principal()
                        + "'; the master refuses such a framework");
            }
            if (httpClient != null && httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
                throw new IllegalArgumentException("the HttpClient follows redirects (" + httpClient.followRedirects()
                        + "); give one built with followRedirects(Redirect.NEVER): the client follows a master's"
                        + " 307 to the leader itself");
            }
            return new SchedulerClient(this);
        }
    }
}
