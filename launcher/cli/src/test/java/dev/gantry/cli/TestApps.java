package dev.gantry.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** Sources of the applications the spark-submit tests run, each writing what it saw to args[0]. */
final class TestApps {
    private TestApps() {}

    /** Records its spark.* system properties, arguments and context class loader; needs no Spark. */
    static final String RECORDING_APP = """
            import java.io.Writer;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.Arrays;
            import java.util.Properties;

            public class RecordingApp {
                public static void main(String[] args) throws Exception {
                    Properties seen = new Properties();
                    for (String key : System.getProperties().stringPropertyNames()) {
                        if (key.startsWith("spark.")) {
                            seen.setProperty(key, System.getProperty(key));
                        }
                    }
                    seen.setProperty("args", String.join(" ", Arrays.asList(args).subList(1, args.length)));
                    seen.setProperty("contextLoaderIsMine", String.valueOf(
                            Thread.currentThread().getContextClassLoader() == RecordingApp.class.getClassLoader()));
                    try (Writer out = Files.newBufferedWriter(Path.of(args[0]))) {
                        seen.store(out, null);
                    }
                    // Spark sets spark.* system properties of its own; none may outlive the run.
                    System.setProperty("spark.set.by.the.app", "1");
                }
            }
            """;

    static final String THROWING_APP = """
            public class ThrowingApp {
                public static void main(String[] args) {
                    throw new IllegalArgumentException("the application's own bad input");
                }
            }
            """;

    static final String INSTANCE_MAIN = """
            public class InstanceMain {
                public void main(String[] args) {
                }
            }
            """;

    /** Sums 1..5 on Spark through spark-core's Java API and records the sum and its SparkConf. */
    static final String SUM_APP = """
            import java.io.Writer;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.Arrays;
            import java.util.Properties;
            import org.apache.spark.SparkConf;
            import org.apache.spark.api.java.JavaSparkContext;
            import org.apache.spark.resource.ResourceInformation;

            public class SumApp {
                public static void main(String[] args) throws Exception {
                    Properties seen = new Properties();
                    try (JavaSparkContext sc = new JavaSparkContext(new SparkConf())) {
                        int sum = sc.parallelize(Arrays.asList(1, 2, 3, 4, 5), 2).reduce(Integer::sum);
                        seen.setProperty("sum", String.valueOf(sum));
                        for (scala.Tuple2<String, String> entry : sc.getConf().getAll()) {
                            seen.setProperty(entry._1(), entry._2());
                        }
                        scala.Option<ResourceInformation> gpus = sc.sc().resources().get("gpu");
                        if (gpus.isDefined()) {
                            seen.setProperty("gpus", String.join(",", gpus.get().addresses()));
                        }
                    }
                    try (Writer out = Files.newBufferedWriter(Path.of(args[0]))) {
                        seen.store(out, null);
                    }
                }
            }
            """;

    /**
     * Runs one Spark task per executor GPU slot and records, per task, the executor it ran on
     * and the GPU addresses Spark's task scheduling gave it ({@code task.<i>=executor:gpus}).
     */
    static final String GPU_TASKS_APP = """
            import java.io.Writer;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.Arrays;
            import java.util.List;
            import java.util.Properties;
            import org.apache.spark.SparkConf;
            import org.apache.spark.SparkEnv;
            import org.apache.spark.TaskContext;
            import org.apache.spark.api.java.JavaSparkContext;

            public class GpuTasksApp {
                public static void main(String[] args) throws Exception {
                    int tasks = Integer.parseInt(args[1]);
                    Properties seen = new Properties();
                    try (JavaSparkContext sc = new JavaSparkContext(new SparkConf())) {
                        List<Integer> ids = new java.util.ArrayList<>();
                        for (int i = 0; i < tasks; i++) {
                            ids.add(i);
                        }
                        List<String> rows = sc.parallelize(ids, tasks).map(i -> i + "=" + SparkEnv.get().executorId()
                                + ":" + String.join(",", TaskContext.get().resources().get("gpu").get().addresses()))
                                .collect();
                        for (String row : rows) {
                            seen.setProperty("task." + row.substring(0, row.indexOf('=')), row.substring(row.indexOf('=') + 1));
                        }
                    }
                    try (Writer out = Files.newBufferedWriter(Path.of(args[0]))) {
                        seen.store(out, null);
                    }
                }
            }
            """;

    static Path gpuTasksJar(Path dir) throws IOException {
        return TestJars.jar(dir, "gpu-tasks-app.jar", Map.of("GpuTasksApp", GPU_TASKS_APP));
    }

    static Path recordingJar(Path dir) throws IOException {
        return TestJars.jar(dir, "recording-app.jar", Map.of("RecordingApp", RECORDING_APP,
                "ThrowingApp", THROWING_APP, "InstanceMain", INSTANCE_MAIN));
    }

    static Path sumJar(Path dir) throws IOException {
        return TestJars.jar(dir, "sum-app.jar", Map.of("SumApp", SUM_APP));
    }

    static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
