package dev.gantry.localcluster;

import dev.gantry.files.Directories;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.URL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Mesos-compatible cluster: a master serving Mesos' v1 scheduler API over HTTP and
 * agents that run tasks as local processes. It is Gantry's default on one machine (a laptop, a
 * demo, CI); beyond one machine, point Gantry at a real Mesos master instead.
 *
 * <p>Serves HTTP/1.1 with its own small listener ({@link HttpListener}) rather than the JDK's
 * server, which cannot send an event as one chunk or see a subscriber's connection close.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);

    private final HttpListener server;
    private final Master master;
    private final List<Agent> agents;
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final boolean gpusSimulated;
    private volatile boolean closed;

    private LocalCluster(HttpListener server, Master master,
                         List<Agent> agents, Path workDir, boolean ownsWorkDir, boolean gpusSimulated) {
        this.server = server;
        this.master = master;
        this.agents = agents;
        this.workDir = workDir;
        this.ownsWorkDir = ownsWorkDir;
        this.gpusSimulated = gpusSimulated;
    }

    /** Starts the master and its agents and serves the scheduler API; returns once it accepts requests. */
    public static LocalCluster start(ClusterSpec spec) throws IOException {
        InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(spec.host()), spec.port());
        HttpListener server = new HttpListener(bind, 128, spec.maxConnections(), spec.requestHeadTimeout(),
                spec.maxRequestBytes());
        int port = server.address().getPort();
        String host = server.address().getAddress().getHostAddress();

        if (spec.leader() != null) {
            server.createContext("/", new SchedulerEndpoint(spec.leader()));
            RedirectEndpoint toLeader = new RedirectEndpoint(spec.leader().getAuthority());
            server.createContext("/redirect", toLeader);
            server.createContext("/master/redirect", toLeader);
            LeaderRedirect operatorCalls = new LeaderRedirect(spec.leader().getAuthority());
            server.createContext("/api/v1", operatorCalls);
            server.createContext("/master/api/v1", operatorCalls);
            server.start();
            LOG.info("standby master at http://{}:{} redirects schedulers to {}", host, port, spec.leader());
            return new LocalCluster(server, null, List.of(), null, false, false);
        }

        boolean ownsWorkDir = spec.workDir() == null;
        Path workDir = ownsWorkDir ? Files.createTempDirectory("gantry-cluster-") : spec.workDir();
        Files.createDirectories(workDir);
        String masterId = UUID.randomUUID().toString();
        List<GpuDevice> realGpus = spec.simulateGpus() ? List.of() : GpuInventory.detect();
        int wanted = spec.agents().stream().mapToInt(AgentSpec::gpus).sum();
        boolean simulate = realGpus.size() < wanted;
        if (wanted > 0 && simulate) {
            LOG.info("simulating {} GPU(s): {}", wanted, realGpus.isEmpty() ? "no NVIDIA driver found"
                    : "this machine has only " + realGpus.size());
        }
        List<Agent> agents = new ArrayList<>();
        int nextRealGpu = 0;
        for (int i = 0; i < spec.agents().size(); i++) {
            AgentSpec agentSpec = spec.agents().get(i);
            List<GpuDevice> gpus;
            if (simulate) {
                gpus = GpuInventory.simulate(agentSpec.gpus(), agentSpec.gpuModel());
            } else {
                gpus = realGpus.subList(nextRealGpu, nextRealGpu + agentSpec.gpus());
                nextRealGpu += agentSpec.gpus();
            }
            AgentID id = AgentID.newBuilder().setValue(masterId + "-S" + i).build();
            Path sandboxRoot = workDir.resolve("agents").resolve(id.getValue());
            agents.add(new Agent(id, host, withGpuModel(agentSpec, gpus), gpus, sandboxRoot, agentUrl(host, port, i)));
        }
        MasterInfo info = MasterInfo.newBuilder()
                .setId(masterId)
                .setIp(ipv4AsInt(server.address().getAddress()))
                .setPort(port)
                .setHostname(host)
                .setVersion(MesosVersion.VERSION)
                .setAddress(Address.newBuilder().setIp(host).setHostname(host).setPort(port))
                .build();
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(daemonThreads("gantry-master"));
        ExecutorService workers = Executors.newCachedThreadPool(daemonThreads("gantry-agent-task"));
        Master master = new Master(spec, masterId, info, agents, loop, workers);
        master.start();
        server.createContext(SchedulerEndpoint.PATH,
                new SchedulerEndpoint(master, spec.credentials(), spec.maxRequestBytes()));
        server.createContext("/master" + SchedulerEndpoint.PATH,
                new SchedulerEndpoint(master, spec.credentials(), spec.maxRequestBytes()));
        StateEndpoint state = new StateEndpoint(master, spec.credentials());
        server.createContext("/state", state);
        server.createContext("/master/state", state);
        TeardownEndpoint teardown = new TeardownEndpoint(master, spec.credentials(), spec.maxRequestBytes());
        server.createContext("/teardown", teardown);
        server.createContext("/master/teardown", teardown);
        OperatorEndpoint operator = new OperatorEndpoint(master, spec.credentials(), spec.maxRequestBytes());
        server.createContext("/api/v1", operator);
        server.createContext("/master/api/v1", operator);
        server.createContext("/version", new VersionEndpoint(MesosVersion.info(master.startMillis())));
        HealthEndpoint health = new HealthEndpoint();
        server.createContext("/health", health);
        server.createContext("/master/health", health);
        // The agents' file endpoint: they share this port, so /files/read reads every agent's sandboxes
        // and /slave(N)/files/read (an address only the embedded agents have) agent N's.
        server.createContext("/files/read", new FilesEndpoint("/files/read", agents));
        for (Agent agent : agents) {
            String scoped = agent.url.getPath() + "/files/read";
            server.createContext(scoped, new FilesEndpoint(scoped, List.of(agent)));
        }
        ClusterPageEndpoint page = new ClusterPageEndpoint();
        server.createContext("/", page);
        server.createContext("/ui/", page);
        RedirectEndpoint redirect = new RedirectEndpoint(host + ":" + port);
        server.createContext("/redirect", redirect);
        server.createContext("/master/redirect", redirect);
        server.start();
        LOG.info("embedded Mesos master {} at http://{}:{} with {} agent(s)", masterId, host, port, agents.size());
        return new LocalCluster(server, master, agents, workDir, ownsWorkDir, simulate && wanted > 0);
    }

    /** The attribute {@code gpu_model} lets constraints pick GPUs by model; real devices say theirs. */
    private static AgentSpec withGpuModel(AgentSpec spec, List<GpuDevice> gpus) {
        if (gpus.isEmpty() || spec.attributes().containsKey("gpu_model")) {
            return spec;
        }
        return spec.toBuilder().attribute("gpu_model", gpus.get(0).model()).build();
    }

    /**
     * An embedded agent's address, as Mesos writes {@code Offer.url}: the agent's host and port and
     * its libprocess actor id as the path. A real agent's id is {@code slave(N)}, a wire value kept
     * as Mesos spells it. Embedded agents answer on the master's port, so that port is theirs.
     */
    private static URL agentUrl(String host, int port, int index) {
        return URL.newBuilder().setScheme("http")
                .setAddress(Address.newBuilder().setHostname(host).setIp(host).setPort(port))
                .setPath("/slave(" + (index + 1) + ")")
                .build();
    }

    private static int ipv4AsInt(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 4) {
            return 0;
        }
        // MasterInfo.ip is the IPv4 address in network byte order read as a little-endian integer.
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    /** The master's base URL, e.g. {@code http://127.0.0.1:5050}. */
    public URI uri() {
        return URI.create("http://" + server.address().getAddress().getHostAddress() + ":" + port());
    }

    /** The master as Spark and Gantry name it, e.g. {@code mesos://127.0.0.1:5050}. */
    public String mesosUrl() {
        return "mesos://" + server.address().getAddress().getHostAddress() + ":" + port();
    }

    public int port() {
        return server.address().getPort();
    }

    /** Whether {@link #close()} has run: the master no longer serves and every task was stopped. */
    public boolean closed() {
        return closed;
    }

    /** Whether the agents' GPUs are simulated (no NVIDIA driver, or fewer GPUs than asked for). */
    public boolean gpusSimulated() {
        return gpusSimulated;
    }

    public Path workDir() {
        return workDir;
    }

    /** The agents as declared, with their ids and GPU devices, in order. */
    public List<AgentView> agents() {
        List<AgentView> views = new ArrayList<>();
        for (Agent agent : agents) {
            views.add(new AgentView(agent.id.getValue(), agent.hostname, agent.total.summary(),
                    agent.spec.attributes(), agent.gpus));
        }
        return views;
    }

    /** One agent as a person would want it summarised. */
    public record AgentView(String id, String hostname, java.util.Map<String, Object> resources,
                            java.util.Map<String, String> attributes, List<GpuDevice> gpus) {}

    /** A snapshot of the cluster, the same document {@code GET /state} serves. */
    public StateView state() {
        requireLeader();
        try {
            return master.state().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the cluster state", e);
        }
    }

    /**
     * The sandbox of a task, live or completed, of any framework: where its {@code stdout} and
     * {@code stderr} are. Empty for a task this cluster does not know (or no longer remembers).
     */
    public Optional<Path> sandbox(String taskId) {
        requireLeader();
        try {
            return master.sandbox(taskId).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the cluster state", e);
        }
    }

    /**
     * Closes every framework's event stream, as a network partition between schedulers and the
     * master would. Frameworks keep their tasks for their failover timeout and may resubscribe.
     *
     * @return how many streams were closed
     */
    public int dropFrameworkConnections() {
        requireLeader();
        try {
            return master.dropConnections().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot drop connections", e);
        }
    }

    private void requireLeader() {
        if (master == null) {
            throw new IllegalStateException("a standby master has no cluster state");
        }
    }

    /**
     * Kills every task (SIGTERM, then SIGKILL after the grace period), stops serving and cleans up.
     * A second caller waits until the first is done: a shutdown hook that closes the cluster must not
     * go on while executors still run.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (master != null) {
            master.close();
        }
        server.close();
        if (ownsWorkDir && workDir != null) {
            deleteTree(workDir);
        }
    }

    private static void deleteTree(Path root) {
        try {
            Directories.deleteTree(root);
        } catch (IOException e) {
            // An executor killed a moment ago may still be writing its sandbox: a leftover in a
            // temporary directory is no reason to fail the close that stops everything else.
            LOG.debug("cannot remove all of {}: {}", root, e.toString());
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
