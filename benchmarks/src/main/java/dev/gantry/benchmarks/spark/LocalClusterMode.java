package dev.gantry.benchmarks.spark;

import org.apache.spark.SparkConf;

/**
 * Spark's own {@code local-cluster[N,1,1024]}: the SparkContext starts a standalone master and N
 * workers in the driver JVM, and each worker launches its executor as a JVM whose classpath
 * Spark builds from {@code $SPARK_HOME/jars/*} (see {@link FakeSparkHome}). Spark adds its module
 * flags to {@code spark.executor.extraJavaOptions} itself (SparkContext.supplementJavaModuleOptions).
 */
final class LocalClusterMode implements StartupMode {
    /** MB per worker; equal to the executor heap, as Spark requires it to be at least that. */
    private static final int WORKER_MEM_MB = 1024;

    @Override
    public String name() {
        return "local-cluster";
    }

    @Override
    public RoundResult round(int executors) throws Exception {
        SparkConf conf = StartupMode.commonConf("startup-local-cluster", executors)
                .setMaster("local-cluster[" + executors + ",1," + WORKER_MEM_MB + "]");
        String directories = StartupMode.classpathDirectories();
        if (!directories.isEmpty()) {
            conf.set("spark.executor.extraClassPath", directories);
        }
        return SparkRound.run(conf, executors, 0);
    }
}
