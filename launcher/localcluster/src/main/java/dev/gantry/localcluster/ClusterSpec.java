package dev.gantry.localcluster;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** How an embedded cluster is set up: the master's address and timings, and its agents. */
public final class ClusterSpec {
    private final String host;
    private final int port;
    private final List<AgentSpec> agents;
    private final Duration heartbeatInterval;
    private final Duration offerTimeout;
    private final Duration allocationInterval;
    private final Duration statusUpdateRetryInterval;
    private final Duration killGracePeriod;
    private final Path workDir;
    private final FrameworkCredentials credentials;
    private final int maxRequestBytes;
    private final int maxConnections;
    private final Duration requestHeadTimeout;
    private final boolean simulateGpus;
    private final URI leader;

    private ClusterSpec(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.agents = Collections.unmodifiableList(new ArrayList<>(b.agents));
        this.heartbeatInterval = b.heartbeatInterval;
        this.offerTimeout = b.offerTimeout;
        this.allocationInterval = b.allocationInterval;
        this.statusUpdateRetryInterval = b.statusUpdateRetryInterval;
        this.killGracePeriod = b.killGracePeriod;
        this.workDir = b.workDir;
        this.credentials = b.credentials;
        this.maxRequestBytes = b.maxRequestBytes;
        this.maxConnections = b.maxConnections;
        this.requestHeadTimeout = b.requestHeadTimeout;
        this.simulateGpus = b.simulateGpus;
        this.leader = b.leader;
        if (leader == null && agents.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one agent");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        requirePositive("heartbeat interval", heartbeatInterval);
        if (offerTimeout != null) {
            requirePositive("offer timeout", offerTimeout);
        }
        requirePositive("allocation interval", allocationInterval);
        requirePositive("status update retry interval", statusUpdateRetryInterval);
        if (killGracePeriod.isNegative()) {
            throw new IllegalArgumentException("kill grace period cannot be negative");
        }
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("max request bytes must be positive");
        }
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("max connections must be positive");
        }
        requirePositive("request head timeout", requestHeadTimeout);
    }

    private static void requirePositive(String what, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public List<AgentSpec> agents() {
        return agents;
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** How long an offer stays valid before the master rescinds it; null: until used or declined. */
    public Duration offerTimeout() {
        return offerTimeout;
    }

    public Duration allocationInterval() {
        return allocationInterval;
    }

    public Duration statusUpdateRetryInterval() {
        return statusUpdateRetryInterval;
    }

    public Duration killGracePeriod() {
        return killGracePeriod;
    }

    /** Where sandboxes go; null: a fresh temporary directory, removed on close. */
    public Path workDir() {
        return workDir;
    }

    /** Framework credentials; null: frameworks need not authenticate. */
    public FrameworkCredentials credentials() {
        return credentials;
    }

    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    /** Connections served at once; one more is answered 503 and closed. Each holds a thread. */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * How long a connection may take to send a request's head (from its connection, or from the
     * first byte of a later request) before it is closed, so that peers trickling
     * bytes cannot hold threads and connection slots.
     */
    public Duration requestHeadTimeout() {
        return requestHeadTimeout;
    }

    /** Simulate GPUs even where an NVIDIA driver is present. */
    public boolean simulateGpus() {
        return simulateGpus;
    }

    /** Non-null: this master is a standby that redirects schedulers to that leading master. */
    public URI leader() {
        return leader;
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private final List<AgentSpec> agents = new ArrayList<>();
        private Duration heartbeatInterval = Duration.ofSeconds(15);
        // None, as Mesos' --offer_timeout is unset by default: an offer lives until used or declined.
        private Duration offerTimeout;
        private Duration allocationInterval = Duration.ofSeconds(1);
        private Duration statusUpdateRetryInterval = Duration.ofSeconds(10);
        private Duration killGracePeriod = Duration.ofSeconds(3);
        private Path workDir;
        private FrameworkCredentials credentials;
        private int maxRequestBytes = 16 * 1024 * 1024;
        // Schedulers, operators and tools together.
        private int maxConnections = 512;
        private Duration requestHeadTimeout = Duration.ofSeconds(10);
        private boolean simulateGpus;
        private URI leader;

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder agent(AgentSpec agent) {
            agents.add(Objects.requireNonNull(agent));
            return this;
        }

        public Builder agents(int count, AgentSpec agent) {
            for (int i = 0; i < count; i++) {
                agent(agent);
            }
            return this;
        }

        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = interval;
            return this;
        }

        /** Rescind offers unused for {@code timeout}, as Mesos' {@code --offer_timeout}; null: never. */
        public Builder offerTimeout(Duration timeout) {
            this.offerTimeout = timeout;
            return this;
        }

        public Builder allocationInterval(Duration interval) {
            this.allocationInterval = interval;
            return this;
        }

        public Builder statusUpdateRetryInterval(Duration interval) {
            this.statusUpdateRetryInterval = interval;
            return this;
        }

        public Builder killGracePeriod(Duration grace) {
            this.killGracePeriod = grace;
            return this;
        }

        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        public Builder credentials(FrameworkCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder maxRequestBytes(int bytes) {
            this.maxRequestBytes = bytes;
            return this;
        }

        public Builder maxConnections(int connections) {
            this.maxConnections = connections;
            return this;
        }

        public Builder requestHeadTimeout(Duration timeout) {
            this.requestHeadTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder simulateGpus(boolean simulate) {
            this.simulateGpus = simulate;
            return this;
        }

        public Builder standbyOf(URI leader) {
            this.leader = leader;
            return this;
        }

        public ClusterSpec build() {
            return new ClusterSpec(this);
        }
    }
}
