package dev.gantry.spark;

import dev.gantry.mesos.Credential;
import dev.gantry.placement.AgentConstraint;
import dev.gantry.placement.ExecutorShape;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;

/**
 * A Spark application's settings for a Mesos master, as one value: the properties Spark will be
 * given, and the backend's own typed reading of them ({@link MesosBackendConf}), read once, before
 * anything starts. A bad value (half a GPU, an unknown policy, the Docker containerizer with GPUs)
 * is then one line naming its key rather than an exception deep inside SparkContext, and whoever
 * looks at the cluster first (the capacity check, an embedded cluster's size, the dry-run plan,
 * the line a run prints) asks what the backend will ask for, a user's own keys included.
 *
 * <p>The driver is handed the properties ({@link #properties()}), and Spark builds the backend
 * from them in its own SparkConf: {@link MesosClusterManager} reads that once, with the same
 * reader, so the two readings agree.
 */
public final class MesosSparkSettings {
    private final Map<String, String> properties;
    private final MesosBackendConf backend;

    private MesosSparkSettings(Map<String, String> properties, MesosBackendConf backend) {
        this.properties = properties;
        this.backend = backend;
    }

    /**
     * @param properties Spark properties, in the order they are to be set
     * @throws IllegalArgumentException naming the first setting that cannot work on Mesos
     */
    public static MesosSparkSettings read(Map<String, String> properties) {
        Map<String, String> copy = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        SparkConf conf = new SparkConf(false);
        copy.forEach(conf::set);
        return new MesosSparkSettings(copy, MesosBackendConf.from(conf));
    }

    /** The properties as Spark is to get them, in order; unmodifiable. */
    public Map<String, String> properties() {
        return properties;
    }

    /** One executor as the backend will ask for it: cores, memory with Spark's overhead, GPUs. */
    public ExecutorShape executorShape() {
        return backend.shape();
    }

    /** Whole GPUs per executor, as the backend will ask Mesos for them. */
    public int executorGpus() {
        return backend.executorGpus();
    }

    /** The principal and secret the backend will authenticate with, if any; files were read once, here. */
    public Optional<Credential> credential() {
        return backend.credential();
    }

    /** The role the backend subscribes in and takes offers of. */
    public String role() {
        return backend.role();
    }

    /** The agents' attributes every executor's agent must have, as the backend will hold them to it. */
    public List<AgentConstraint> constraints() {
        return backend.constraints();
    }

    /** The constraints as written ({@value SparkKeys#MESOS_CONSTRAINTS}), for messages; empty for none. */
    public String constraintText() {
        return properties.getOrDefault(SparkKeys.MESOS_CONSTRAINTS, "");
    }

    /** How long the backend waits to place all executors at once; empty when they need not start together. */
    public Optional<Duration> gangTimeout() {
        return backend.gang().map(gang -> Duration.ofMillis(gang.timeoutMillis()));
    }

    /** The placement policy the backend will use: the one set, else its default for the executor shape. */
    public String placementPolicy() {
        return backend.demand(0).effectivePolicy().name();
    }

    MesosBackendConf backend() {
        return backend;
    }
}
