package dev.gantry.spark;

import org.apache.spark.SparkConf;
import scala.Tuple2;

/**
 * A driver's Spark configuration whose web UI binds to one address. Spark binds its UI to the
 * environment variable SPARK_LOCAL_IP, else to every interface, and has no setting for it; it
 * reads the variable through {@link SparkConf#getenv}, so this configuration answers it with the
 * address given, unless the process environment sets it (the user's choice wins). Spark's own
 * tests override {@code getenv} the same way. It must be handed to {@code new SparkContext}, which
 * keeps it through {@link #clone()}.
 */
public final class UiBoundSparkConf extends SparkConf {
    private static final long serialVersionUID = 1L;
    static final String LOCAL_IP = "SPARK_LOCAL_IP";

    private final String uiHost;

    /** Loads {@code spark.*} system properties, as {@code new SparkConf()} does. */
    public UiBoundSparkConf(String uiHost) {
        this(true, uiHost);
    }

    private UiBoundSparkConf(boolean loadDefaults, String uiHost) {
        super(loadDefaults);
        this.uiHost = uiHost;
    }

    @Override
    public String getenv(String name) {
        String set = super.getenv(name);
        return set == null && LOCAL_IP.equals(name) ? uiHost : set;
    }

    @Override
    public SparkConf clone() {
        UiBoundSparkConf copy = new UiBoundSparkConf(false, uiHost);
        for (Tuple2<String, String> setting : getAll()) {
            copy.set(setting._1(), setting._2(), true);
        }
        return copy;
    }
}
