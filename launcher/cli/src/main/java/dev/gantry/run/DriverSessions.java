package dev.gantry.run;

import dev.gantry.spark.SparkAuthentication;
import dev.gantry.spark.SparkKeys;
import dev.gantry.spark.UiBoundSparkConf;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a job's driver. On an embedded cluster everything runs on this machine, so
 * every listener of the driver (RPC, block manager, web UI) binds to loopback unless the job's own
 * Spark settings say otherwise; with {@code spark.authenticate=true} the secret comes from a file,
 * the environment or chance ({@link SparkAuthentication}), never from the job's settings.
 */
public final class DriverSessions {
    private static final String LOOPBACK = "127.0.0.1";

    private DriverSessions() {}

    /**
     * @param embedded whether {@code master} is an embedded cluster on this machine
     * @throws IllegalArgumentException naming the setting when the authentication secret cannot be read
     */
    public static SparkSession start(Map<String, String> settings, String master, boolean embedded,
                                     Function<String, String> environment) {
        Map<String, String> resolved = new LinkedHashMap<>(settings);
        if (embedded) {
            resolved.putIfAbsent(SparkKeys.DRIVER_HOST, LOOPBACK);
            resolved.putIfAbsent(SparkKeys.DRIVER_BIND_ADDRESS, LOOPBACK);
        }
        resolved = SparkAuthentication.withSecret(resolved, environment);
        SparkConf conf = embedded ? new UiBoundSparkConf(resolved.get(SparkKeys.DRIVER_BIND_ADDRESS)) : new SparkConf();
        resolved.forEach(conf::set);
        conf.setMaster(master);
        // Built here rather than by SparkSession.builder(), which would make its own plain SparkConf.
        SparkContext context = new SparkContext(conf);
        return SparkSession.builder().sparkContext(context).getOrCreate();
    }
}
