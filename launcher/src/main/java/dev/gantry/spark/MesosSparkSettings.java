package dev.gantry.spark;

import java.util.Map;
import org.apache.spark.SparkConf;

/**
 * Checks a Spark application's settings for a Mesos master before anything starts, so that a
 * bad value (half a GPU, an unknown policy, the Docker containerizer with GPUs) is one line
 * naming its key rather than an exception deep inside SparkContext.
 */
public final class MesosSparkSettings {
    private MesosSparkSettings() {}

    /**
     * @throws IllegalArgumentException naming the first setting that cannot work on Mesos
     */
    public static void check(Map<String, String> settings, String master) {
        SparkConf conf = new SparkConf(false);
        settings.forEach(conf::set);
        MesosBackendConf.from(conf, master);
    }
}
