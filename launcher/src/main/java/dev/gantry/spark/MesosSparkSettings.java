package dev.gantry.spark;

import dev.gantry.mesos.Credential;
import dev.gantry.placement.AgentConstraint;
import dev.gantry.placement.ExecutorShape;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;

/**
 * A Spark application's settings for a Mesos master, read by the backend's own reader before
 * anything starts: a bad value (half a GPU, an unknown policy, the Docker containerizer with GPUs)
 * is then one line naming its key rather than an exception deep inside SparkContext, and tools
 * that look at the cluster first ask what the backend will ask for.
 */
public final class MesosSparkSettings {
    private MesosSparkSettings() {}

    /**
     * @throws IllegalArgumentException naming the first setting that cannot work on Mesos
     */
    public static void check(Map<String, String> settings, String master) {
        read(settings, master);
    }

    /** One executor as the backend will ask for it: cores, memory with Spark's overhead, GPUs. */
    public static ExecutorShape executorShape(Map<String, String> settings) {
        return read(settings, "mesos://settings").shape();
    }

    /** The agent constraints of {@code spark.mesos.constraints}, parsed once, as the backend places by them. */
    public static List<AgentConstraint> constraints(Map<String, String> settings) {
        return read(settings, "mesos://settings").constraints();
    }

    /** The principal and secret the backend will authenticate with, if any. */
    public static Optional<Credential> credential(Map<String, String> settings) {
        return read(settings, "mesos://settings").credential();
    }

    static MesosBackendConf read(Map<String, String> settings, String master) {
        SparkConf conf = new SparkConf(false);
        settings.forEach(conf::set);
        return MesosBackendConf.from(conf, master);
    }
}
