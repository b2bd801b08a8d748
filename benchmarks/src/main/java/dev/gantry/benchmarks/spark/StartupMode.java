package dev.gantry.benchmarks.spark;

import java.io.File;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;

/** A way to get Spark executors on this machine, measured one fresh application per round. */
interface StartupMode {
    String name();

    RoundResult round(int executors) throws Exception;

    /**
     * What both modes share: N executors of 1 core and a 1 GiB heap, a driver on loopback, and no
     * web UI (its start-up is the same for both and only adds noise).
     */
    static SparkConf commonConf(String appName, int executors) {
        return new SparkConf().setAppName(appName)
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.executor.instances", String.valueOf(executors))
                .set("spark.executor.cores", "1")
                .set("spark.executor.memory", "1024m");
    }

    /**
     * The directories on this JVM's classpath (target/classes when run from an IDE). A jar reaches
     * executors through SPARK_HOME/jars or the driver's classpath; a directory cannot be linked
     * into jars/, because a {@code jars/*} classpath entry only expands to jar files.
     */
    static String classpathDirectories() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> new File(entry).isDirectory())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
