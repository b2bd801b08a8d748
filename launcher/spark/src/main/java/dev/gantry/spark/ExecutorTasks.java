package dev.gantry.spark;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.launcher.JavaModuleOptions;
import org.apache.spark.util.Utils;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/** Assembles the steps that build an application's executor tasks from its Spark configuration. */
final class ExecutorTasks {
    /** Where the executor image keeps Java's {@code java} and Gantry's jars (see {@code docker/}). */
    static final String IMAGE_CLASSPATH = "/opt/gantry/lib/*";

    private ExecutorTasks() {}

    /**
     * Executors start in their sandbox, not in the driver's working directory, so a driver run
     * as {@code java -cp target/app.jar} would hand them entries that resolve to nothing and
     * every executor would die with ClassNotFoundException.
     */
    static String absolute(String classpath) {
        StringBuilder out = new StringBuilder();
        for (String entry : classpath.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
            if (entry.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append(File.pathSeparator);
            }
            boolean wildcard = entry.endsWith("*");
            String base = wildcard ? entry.substring(0, entry.length() - 1) : entry;
            String resolved = base.isEmpty() ? new File(".").getAbsoluteFile().getParent() + File.separator
                    : new File(base).getAbsolutePath() + (base.endsWith(File.separator) ? File.separator : "");
            out.append(resolved).append(wildcard ? "*" : "");
        }
        return out.toString();
    }

    static ExecutorTaskBuilder builder(SparkContext sc, MesosBackendConf conf, String driverUrl,
                                       Supplier<String> appId) {
        SparkConf spark = sc.conf();
        boolean image = conf.image().isPresent();
        String java = conf.executorJava().orElse(image ? "java"
                : System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        // Without an image the executor runs on a machine that shares the driver's files (the
        // embedded cluster, or a shared install), so the driver's classpath is the executor's.
        String classpath = conf.executorClasspath().orElse(image ? IMAGE_CLASSPATH
                : absolute(System.getProperty("java.class.path")));
        if (conf.extraClasspath().isPresent()) {
            classpath = conf.extraClasspath().get() + File.pathSeparator + classpath;
        }
        CommandStep command = new CommandStep(java, classpath, jvmOptions(spark, conf.executorHeapMb()), driverUrl,
                appId, conf.executorCores(), environment(sc), conf.uris());
        List<ExecutorTaskStep> steps = new ArrayList<>(List.of(
                new BasicsStep(sc.appName()),
                command,
                new ResourcesStep(),
                new ContainerStep(conf.containerizer(), conf.image(), conf.networkName()),
                new LabelsStep(conf.labels())));
        if (conf.testAssignGpuIds()) {
            steps.add(new TestGpuIdsStep());
        }
        return new ExecutorTaskBuilder(steps);
    }

    /**
     * Spark's module flags (Java 17 needs them for Kryo and Netty), the heap, the user's executor
     * options, and the settings an executor needs before it can fetch the rest from the driver
     * (ports, authentication, network; never the authentication secret, which goes by environment).
     * Which those are is Spark's call ({@link SparkConf#isExecutorStartupConf}), so they come from
     * Spark's conf.
     */
    static List<String> jvmOptions(SparkConf spark, long heapMb) {
        List<String> options = new ArrayList<>(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        options.add("-Xmx" + heapMb + "m");
        if (spark.contains(SparkKeys.EXECUTOR_EXTRA_JAVA_OPTIONS)) {
            options.addAll(CollectionConverters.asJava(
                    Utils.splitCommandString(spark.get(SparkKeys.EXECUTOR_EXTRA_JAVA_OPTIONS))));
        }
        for (Tuple2<String, String> entry : spark.getAll()) {
            if (SparkConf.isExecutorStartupConf(entry._1())) {
                options.add("-D" + entry._1() + "=" + entry._2());
            }
        }
        return options;
    }

    private static Map<String, String> environment(SparkContext sc) {
        Map<String, String> env = new LinkedHashMap<>(CollectionConverters.asJava(sc.executorEnvs()));
        env.put("SPARK_USER", sc.sparkUser());
        if (sc.env().securityManager().isAuthenticationEnabled()) {
            env.put("_SPARK_AUTH_SECRET", sc.env().securityManager().getSecretKey());
        }
        return env;
    }
}
