package dev.gantry.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.localcluster.AgentSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A real Apache Mesos master and agents on loopback, started from the {@link MesosBundle} for
 * one test class or test; or, for high availability, several masters electing their leader in a
 * {@link ZooKeeperServer} with a replicated-log registry, the agents finding it there. Agents are declared with the embedded cluster's {@link AgentSpec}, so
 * one shape runs on both masters. Every process it starts is killed on {@link #close()}, or when
 * the test JVM exits, executors included (an agent that exits leaves its executors running: that
 * is Mesos' recovery feature, and a leak here).
 *
 * <p>{@link AgentFlags} writes an agent's command line from its spec; each program runs as a
 * {@link MesosProcess}. This class starts them in order and asks the masters' {@code /state}.
 */
public final class RealMesosCluster implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Mesos binaries start in well under a second; agents register within a few. Generous for loaded CI. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String ZNODE = "/mesos";

    private final MesosBundle bundle;
    private final Path workDir;
    private final List<MesosProcess> agents = new ArrayList<>();
    private final Map<String, String> masterFlags;
    private final List<AgentSpec> agentSpecs;
    private final ZooKeeperServer zooKeeper;
    private final int masterCount;
    private final List<MesosProcess> masters = new ArrayList<>();
    private int masterPort;
    private final Thread cleanup = new Thread(this::killAll, "real-mesos-cleanup");

    private RealMesosCluster(Builder b) {
        this.bundle = b.bundle;
        this.workDir = b.workDir;
        this.masterFlags = new LinkedHashMap<>(b.masterFlags);
        this.agentSpecs = List.copyOf(b.agents);
        this.zooKeeper = b.zooKeeper;
        this.masterCount = b.masterCount;
    }

    public static Builder builder(MesosBundle bundle, Path workDir) {
        return new Builder(bundle, workDir);
    }

    /**
     * {@code mesos://127.0.0.1:PORT}, as Gantry and Spark name a master; with high availability
     * {@code mesos://zk://127.0.0.1:PORT/mesos}.
     */
    public String mesosUrl() {
        return highlyAvailable() ? "mesos://" + zooKeeperUrl() : "mesos://127.0.0.1:" + masterPort;
    }

    /** {@code zk://127.0.0.1:PORT/mesos}: where the masters elect their leader (high availability only). */
    public String zooKeeperUrl() {
        if (!highlyAvailable()) {
            throw new IllegalStateException("a single-master cluster uses no ZooKeeper");
        }
        return zooKeeper.url(ZNODE);
    }

    private boolean highlyAvailable() {
        return zooKeeper != null;
    }

    /**
     * The master's HTTP address, {@code http://127.0.0.1:PORT}; with high availability the
     * leader's, waiting (bounded) for one to be elected.
     */
    public URI uri() {
        if (!highlyAvailable()) {
            return URI.create("http://127.0.0.1:" + masterPort);
        }
        try {
            return leader();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking for the leading master", e);
        }
    }

    /**
     * The leading master's HTTP address, waiting (bounded) until one leads: the master whose own
     * {@code /state} names itself leader (the others redirect there).
     */
    public URI leader() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<MesosProcess> leading = leadingMaster();
            if (leading.isPresent()) {
                return leading.get().uri();
            }
            if (masters.stream().noneMatch(MesosProcess::alive)) {
                throw new IllegalStateException("every Mesos master has exited; logs in " + workDir);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no Mesos master became leader within " + START_TIMEOUT + "; logs in " + workDir);
    }

    private Optional<MesosProcess> leadingMaster() throws InterruptedException {
        for (MesosProcess master : masters) {
            if (!master.alive()) {
                continue;
            }
            try {
                JsonNode state = getJson(master.uri().resolve("/state"));
                if (state.hasNonNull("leader") && state.path("leader").asText().equals(state.path("pid").asText())) {
                    return Optional.of(master);
                }
            } catch (IOException standbyOrStarting) {
                // A standby answers 307 to the leader; a master still recovering, 503.
            }
        }
        return Optional.empty();
    }

    /**
     * Kills the leading master with SIGKILL, as a crashed host would lose it; its znode stays in
     * ZooKeeper until its session expires. Returns the killed master's address.
     */
    public URI killLeader() throws InterruptedException {
        if (!highlyAvailable()) {
            throw new IllegalStateException("killing the only master of a single-master cluster leaves no leader");
        }
        URI leader = leader();
        for (MesosProcess master : masters) {
            if (master.uri().equals(leader)) {
                master.kill(false);
                return leader;
            }
        }
        throw new IllegalStateException("the leader " + leader + " is none of this cluster's masters");
    }

    public int agentCount() {
        return agents.size();
    }

    /**
     * The agents' Mesos ids in the order they were declared (real agents register in any order,
     * so they are matched by port).
     */
    public List<String> agentIds() throws IOException, InterruptedException {
        Map<Integer, String> byPort = new java.util.HashMap<>();
        state().path("slaves").forEach(a -> byPort.put(a.path("port").asInt(), a.path("id").asText()));
        List<String> ids = new ArrayList<>();
        for (MesosProcess agent : agents) {
            ids.add(byPort.get(agent.port()));
        }
        return ids;
    }

    /** The master's {@code /state}. */
    public JsonNode state() throws IOException, InterruptedException {
        return getJson(uri().resolve("/state"));
    }

    /** The master's {@code /state}, or an empty object where it does not answer: for polling conditions. */
    public JsonNode stateQuietly() {
        try {
            return state();
        } catch (IOException e) {
            return JSON.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JSON.createObjectNode();
        }
    }

    /** Where the process logs are, for a failing test's message. */
    public Path workDir() {
        return workDir;
    }

    private RealMesosCluster start() throws IOException, InterruptedException {
        Runtime.getRuntime().addShutdownHook(cleanup);
        if (highlyAvailable()) {
            for (int i = 1; i <= masterCount; i++) {
                // A new leader reads the registry from the replicated log before it serves; on a loaded
                // machine (fsyncs queued behind a build) that outlasted Mesos' 1-minute default, and the
                // master aborted its recovery. The tests wait on the outcome, not on these bounds.
                masters.add(startMaster("master-" + i, List.of("--zk=" + zooKeeperUrl(),
                        "--quorum=" + (masterCount / 2 + 1), "--registry=replicated_log",
                        "--registry_fetch_timeout=5mins", "--registry_store_timeout=2mins")));
            }
        } else {
            masters.add(startMaster("master", List.of("--registry=in_memory")));
            masterPort = masters.get(0).port();
        }
        // Agents start once a master answers: an agent that finds none backs off, doubling its wait
        // up to a minute, and on a loaded machine one agent sat out the whole start-up that way.
        awaitState(state -> !highlyAvailable() || state.has("leader"), "a master to answer");
        for (int i = 0; i < agentSpecs.size(); i++) {
            agents.add(startAgent(i, agentSpecs.get(i)));
        }
        awaitState(state -> state.path("activated_slaves").asInt() == agents.size() && state.has("leader"),
                "the master to be elected and see " + agents.size() + " agent(s)");
        return this;
    }

    private MesosProcess startMaster(String name, List<String> modeFlags) throws IOException {
        int port = freePort();
        List<String> flags = new ArrayList<>(List.of("--ip=127.0.0.1", "--port=" + port,
                "--work_dir=" + workDir.resolve(name),
                // Offers follow a decline or an ended task within a fifth of a second instead of a second.
                "--allocation_interval=200ms"));
        flags.addAll(modeFlags);
        masterFlags.forEach((flag, value) -> flags.add("--" + flag + (value.isEmpty() ? "" : "=" + value)));
        return MesosProcess.start(bundle, "master", flags, workDir.resolve(name + ".log"), port);
    }

    private MesosProcess startAgent(int index, AgentSpec spec) throws IOException {
        int port = freePort();
        String master = highlyAvailable() ? zooKeeperUrl() : "127.0.0.1:" + masterPort;
        List<String> flags = AgentFlags.of(spec, master, port, workDir.resolve("agent-" + (index + 1)), bundle);
        return MesosProcess.start(bundle, "agent", flags, workDir.resolve("agent-" + (index + 1) + ".log"), port);
    }

    /** Posts a JSON call to the master's operator API ({@code POST /api/v1}); returns the HTTP status. */
    public int operator(String jsonCall) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri().resolve("/api/v1"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(jsonCall)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Waits (bounded) until the master's {@code /state} satisfies {@code ready}. */
    public JsonNode awaitState(Predicate<JsonNode> ready, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (masters.stream().noneMatch(MesosProcess::alive)) {
                throw new IllegalStateException("the Mesos master exited while waiting for " + what + ": "
                        + masters.get(masters.size() - 1).logTail());
            }
            try {
                Optional<MesosProcess> leading = highlyAvailable() ? leadingMaster() : Optional.of(masters.get(0));
                if (leading.isEmpty()) {
                    last = "no leading master";
                    Thread.sleep(100);
                    continue;
                }
                JsonNode state = getJson(leading.get().uri().resolve("/state"));
                if (ready.test(state)) {
                    return state;
                }
                last = "activated agents " + state.path("activated_slaves").asInt() + ", leader "
                        + state.path("leader").asText("none");
            } catch (IOException notUpYet) {
                last = notUpYet.toString();
            }
            Thread.sleep(100);
        }
        StringBuilder agentLogs = new StringBuilder();
        for (int i = 0; i < agents.size(); i++) {
            agentLogs.append("; agent-").append(i + 1).append(agents.get(i).alive() ? " running" : " exited")
                    .append(", its log ends: ").append(agents.get(i).logTail());
        }
        throw new IllegalStateException("timed out after " + START_TIMEOUT + " waiting for " + what + " (" + last
                + "); logs in " + workDir + agentLogs);
    }

    private static JsonNode getJson(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /** Kills agent {@code index} (0-based) with SIGKILL, leaving its executors running, as a crashed agent does. */
    public void killAgent(int index) throws InterruptedException {
        agents.get(index).kill(false);
    }

    /** Kills agent {@code index} and everything it started, as a machine that is gone for good. */
    public void loseAgent(int index) throws InterruptedException {
        agents.get(index).kill(true);
    }

    /**
     * Starts agent {@code index} again, after {@link #killAgent}, with the same flags and work
     * directory: it recovers its checkpointed executors and re-registers with the same id.
     */
    public void restartAgent(int index) throws IOException {
        agents.set(index, agents.get(index).again());
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException exiting) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }

    private void killAll() {
        // Executors first: an agent's children outlive it.
        for (MesosProcess agent : agents) {
            agent.killDescendants();
        }
        for (MesosProcess agent : agents) {
            agent.destroy();
        }
        for (MesosProcess master : masters) {
            master.destroy();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public static final class Builder {
        private final MesosBundle bundle;
        private final Path workDir;
        private final Map<String, String> masterFlags = new LinkedHashMap<>();
        private final List<AgentSpec> agents = new ArrayList<>();
        private ZooKeeperServer zooKeeper;
        private int masterCount = 1;

        private Builder(MesosBundle bundle, Path workDir) {
            this.bundle = bundle;
            this.workDir = workDir;
        }

        public Builder agent(AgentSpec agent) {
            agents.add(agent);
            return this;
        }

        /** A master flag without its dashes, e.g. {@code ("credentials", "/tmp/c.json")}; an empty value for a switch. */
        public Builder masterFlag(String name, String value) {
            masterFlags.put(name, value);
            return this;
        }

        /**
         * High availability: {@code masters} masters (three survive one loss) elect their leader
         * in {@code zooKeeper} under {@code /mesos} with a quorum of a majority and a replicated-log
         * registry; agents find the leader there. The caller closes the ZooKeeper after the cluster.
         */
        public Builder highAvailability(ZooKeeperServer zooKeeper, int masters) {
            if (masters < 1) {
                throw new IllegalArgumentException("at least one master: " + masters);
            }
            this.zooKeeper = zooKeeper;
            this.masterCount = masters;
            return this;
        }

        /** Starts the master and the agents and waits until every agent is registered. */
        public RealMesosCluster start() throws IOException, InterruptedException {
            Files.createDirectories(workDir);
            RealMesosCluster cluster = new RealMesosCluster(this);
            try {
                return cluster.start();
            } catch (IOException | InterruptedException | RuntimeException e) {
                cluster.close();
                throw e;
            }
        }
    }}
