package dev.gantry.spark;

import static dev.gantry.spark.SparkKeys.*;

import dev.gantry.mesos.Credential;
import dev.gantry.mesos.CredentialEnvironment;
import dev.gantry.placement.AgentConstraint;
import dev.gantry.placement.DeclineDurations;
import dev.gantry.placement.Demand;
import dev.gantry.placement.ExecutorShape;
import dev.gantry.placement.Gang;
import dev.gantry.placement.GpuAgentUse;
import dev.gantry.placement.PlacementPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.network.util.JavaUtils;

/**
 * The backend's settings, read once from the Spark configuration: Spark's standard keys, the
 * Spark 3.5 Mesos keys with the meaning they had there, and Gantry's own under
 * {@code spark.gantry.*} (every name in {@link SparkKeys}). A bad value fails with one line naming
 * the key. The driver's {@link MesosClusterManager} reads it from the SparkContext's conf; the
 * launcher reads the same from a job's settings before anything starts ({@link MesosSparkSettings}),
 * so that what it checks, sizes and prints is what the backend will obey.
 *
 * @param executorMemoryMb the executor's memory with Spark's overhead, as Mesos is asked for it
 * @param executorHeapMb   the executor JVM's heap, {@code spark.executor.memory}
 */
record MesosBackendConf(
        int executorCores,
        double executorMemoryMb,
        long executorHeapMb,
        int executorGpus,
        int staticExecutors,
        boolean dynamicAllocation,
        double coresMax,
        int gpusMax,
        List<AgentConstraint> constraints,
        String role,
        boolean checkpoint,
        Optional<String> webUiUrl,
        Optional<String> principal,
        Optional<Credential> credential,
        String containerizer,
        Optional<String> image,
        List<String> uris,
        Map<String, String> labels,
        Optional<String> networkName,
        double failoverTimeoutSeconds,
        long shutdownTimeoutMillis,
        PlacementPolicy policy,
        Optional<Gang> gang,
        GpuAgentUse gpuAgentUse,
        DeclineDurations declines,
        Optional<String> executorClasspath,
        Optional<String> extraClasspath,
        Optional<String> executorJava,
        OptionalInt maxExecutorFailures,
        boolean testAssignGpuIds,
        Duration reconcileInterval,
        Duration subscribeTimeout,
        long executorStartTimeoutNanos) {

    static final String GPU = "gpu";

    /**
     * @throws IllegalArgumentException one line naming the first key whose value cannot work on Mesos
     */
    static MesosBackendConf from(SparkConf conf) {
        Reader r = new Reader(conf);
        int cores = r.integer(EXECUTOR_CORES, 1);
        if (cores < 1) {
            throw r.invalid(EXECUTOR_CORES, "must be at least 1");
        }
        long heap = (long) r.megabytes(EXECUTOR_MEMORY, "1g");
        double memory = heap;
        double overhead = conf.contains(MESOS_MEMORY_OVERHEAD)
                ? r.megabytes(MESOS_MEMORY_OVERHEAD, "0")
                : conf.contains(EXECUTOR_MEMORY_OVERHEAD)
                ? r.megabytes(EXECUTOR_MEMORY_OVERHEAD, "0")
                : Math.max(384, 0.10 * memory);
        int gpusMax = r.integer(MESOS_GPUS_MAX, Integer.MAX_VALUE);
        int gpus = executorGpus(conf, r, gpusMax);
        double coresMax = conf.contains(CORES_MAX) ? r.decimal(CORES_MAX, 0) : Double.POSITIVE_INFINITY;
        boolean dynamic = conf.getBoolean(DYNAMIC_ALLOCATION, false);
        String containerizer = conf.get(MESOS_CONTAINERIZER, "mesos").trim().toLowerCase(Locale.ROOT);
        if (!containerizer.equals("mesos") && !containerizer.equals("docker")) {
            throw r.invalid(MESOS_CONTAINERIZER, "must be mesos or docker, not '" + containerizer + "'");
        }
        if (containerizer.equals("docker") && gpus > 0) {
            throw r.invalid(MESOS_CONTAINERIZER, "is docker, but Mesos gives GPUs only to the Mesos"
                    + " containerizer; remove it or set it to mesos to run executors with GPUs");
        }
        Optional<String> image = optional(conf, MESOS_IMAGE);
        if (containerizer.equals("docker") && image.isEmpty()) {
            throw r.invalid(MESOS_CONTAINERIZER, "is docker but " + MESOS_IMAGE + " is not set");
        }
        List<AgentConstraint> constraints;
        try {
            constraints = SparkConstraints.parse(conf.get(MESOS_CONSTRAINTS, ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        double reject = r.seconds(MESOS_REJECT_OFFER_DURATION, "120s");
        DeclineDurations declines = new DeclineDurations(
                r.seconds(MESOS_REJECT_FOR_UNMET_CONSTRAINTS, reject),
                reject,
                r.seconds(REJECT_FOR_GPU_AGENTS, "30s"),
                r.seconds(MESOS_REJECT_FOR_MAX_CORES, reject),
                r.seconds(REJECT_FOR_NOTHING_FITS, "5s"),
                r.seconds(GANG_BACKOFF, "30s"));
        PlacementPolicy policy = optional(conf, PLACEMENT_POLICY)
                .map(name -> r.parse(PLACEMENT_POLICY, name, PlacementPolicy::named)).orElse(null);
        Optional<Gang> gang = conf.getBoolean(GANG_ENABLED, false)
                ? Optional.of(new Gang((long) (r.seconds(GANG_TIMEOUT, "120s") * 1000)))
                : Optional.empty();
        GpuAgentUse gpuAgentUse = r.parse(CPU_EXECUTORS_ON_GPU_AGENTS,
                conf.get(CPU_EXECUTORS_ON_GPU_AGENTS, "when_nothing_else_fits"),
                v -> GpuAgentUse.valueOf(v.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
        int staticExecutors = staticExecutors(conf, r, cores, gpus, coresMax, gpusMax);
        CredentialEnvironment environment = CredentialEnvironment.system();
        Optional<String> principal = principal(conf, r, environment);
        return new MesosBackendConf(cores, memory + overhead, heap, gpus, staticExecutors, dynamic, coresMax, gpusMax,
                constraints, conf.get(MESOS_ROLE, "*"), conf.getBoolean(MESOS_CHECKPOINT, false),
                optional(conf, MESOS_WEBUI_URL), principal,
                principal.flatMap(p -> credential(conf, p, environment)), containerizer, image,
                list(conf.get(MESOS_URIS, "")), labels(conf, r), optional(conf, MESOS_NETWORK_NAME),
                r.seconds(MESOS_FAILOVER_TIMEOUT, "0s"),
                (long) (r.seconds(MESOS_SHUTDOWN_TIMEOUT, "10s") * 1000),
                policy, gang, gpuAgentUse, declines,
                optional(conf, EXECUTOR_CLASSPATH),
                conf.contains(EXECUTOR_EXTRA_CLASSPATH)
                        ? Optional.of(conf.get(EXECUTOR_EXTRA_CLASSPATH)) : Optional.empty(),
                optional(conf, EXECUTOR_JAVA), maxExecutorFailures(conf, r),
                conf.getBoolean(TEST_ASSIGN_GPU_IDS, false),
                Duration.ofMillis(positiveMillis(r, RECONCILE_INTERVAL, "60s")),
                Duration.ofMillis(Math.round(r.seconds(SUBSCRIBE_TIMEOUT, "60s") * 1000)),
                TimeUnit.MILLISECONDS.toNanos(positiveMillis(r, EXECUTOR_START_TIMEOUT, "300s")));
    }

    private static long positiveMillis(Reader r, String key, String defaultValue) {
        double seconds = r.seconds(key, defaultValue);
        if (!(seconds > 0)) {
            throw r.invalid(key, "must be a positive duration");
        }
        return Math.round(seconds * 1000);
    }

    /** Spark's {@code spark.executor.maxNumFailures} (YARN and Kubernetes read it too); empty: Spark's default rule. */
    private static OptionalInt maxExecutorFailures(SparkConf conf, Reader r) {
        if (!conf.contains(EXECUTOR_MAX_FAILURES)) {
            return OptionalInt.empty();
        }
        int max = r.integer(EXECUTOR_MAX_FAILURES, 0);
        if (max < 1) {
            throw r.invalid(EXECUTOR_MAX_FAILURES, "must be at least 1");
        }
        return OptionalInt.of(max);
    }

    /**
     * How many executors may fail to start before the application gives up: the key if set, else
     * Spark's rule for YARN and Kubernetes, twice the executors wanted and at least 3.
     */
    int executorFailureLimit(int executorsWanted) {
        return maxExecutorFailures.orElse(Math.max(3, 2 * executorsWanted));
    }

    ExecutorShape shape() {
        return new ExecutorShape(executorCores, executorMemoryMb, executorGpus);
    }

    /**
     * What the application asks of the placement engine for {@code targetExecutors} executors in
     * all: the backend asks it of every round of offers, {@link PlacementPreview} of the offers it
     * imagines.
     */
    Demand demand(int targetExecutors) {
        return new Demand(shape(), targetExecutors, coresMax, gpusMax, constraints, policy, gang.orElse(null),
                gpuAgentUse, false, declines);
    }

    /**
     * Whole GPUs per executor: Spark's {@code spark.executor.resource.gpu.amount}, else
     * Mesosphere's {@code spark.mesos.executor.gpus}, else one when only Spark 3.5's
     * {@code spark.mesos.gpus.max} asks for GPUs (3.5 gave the first executor all of an offer's).
     */
    private static int executorGpus(SparkConf conf, Reader r, int gpusMax) {
        String key = conf.contains(EXECUTOR_GPUS) ? EXECUTOR_GPUS
                : conf.contains(MESOS_EXECUTOR_GPUS) ? MESOS_EXECUTOR_GPUS : null;
        if (key == null) {
            return gpusMax != Integer.MAX_VALUE && gpusMax > 0 ? 1 : 0;
        }
        double amount = r.decimal(key, 0);
        if (amount < 0 || amount != Math.rint(amount)) {
            throw r.invalid(key, "is " + conf.get(key) + ", but Mesos gives whole GPUs only (\"The 'gpus' resource"
                    + " must be an unsigned integer\"): ask for 1 or more per executor and share them between"
                    + " tasks with " + TASK_GPUS);
        }
        return (int) amount;
    }

    /** Executors wanted without dynamic allocation: as many as asked, else as many as the caps allow, else two. */
    private static int staticExecutors(SparkConf conf, Reader r, int cores, int gpus, double coresMax, int gpusMax) {
        if (conf.contains(EXECUTOR_INSTANCES)) {
            return r.integer(EXECUTOR_INSTANCES, 2);
        }
        int bound = Integer.MAX_VALUE;
        if (!Double.isInfinite(coresMax)) {
            bound = (int) Math.min(bound, Math.floor(coresMax / cores));
        }
        if (gpus > 0 && gpusMax != Integer.MAX_VALUE) {
            bound = Math.min(bound, gpusMax / gpus);
        }
        return bound == Integer.MAX_VALUE ? 2 : bound;
    }

    /**
     * The framework's principal as Spark 3.5 read it: {@code spark.mesos.principal(.file)}, else the
     * environment variables SPARK_MESOS_PRINCIPAL(_FILE). It goes into FrameworkInfo whether or not
     * a secret comes with it: a master that does not authenticate frameworks still uses it for
     * authorization, quota and its web UI.
     */
    private static Optional<String> principal(SparkConf conf, Reader r, CredentialEnvironment environment) {
        return optional(conf, MESOS_PRINCIPAL)
                .or(() -> optional(conf, MESOS_PRINCIPAL_FILE).map(f -> r.file(MESOS_PRINCIPAL_FILE, f)))
                .or(environment::principal);
    }

    /**
     * The principal's secret, from {@code spark.mesos.secret(.file)}, else SPARK_MESOS_SECRET(_FILE).
     * Empty without one: the client then sends no credentials at all, as Spark 3.5 did.
     */
    private static Optional<Credential> credential(SparkConf conf, String principal, CredentialEnvironment environment) {
        if (conf.contains(MESOS_SECRET)) {
            return Optional.of(Credential.of(principal, conf.get(MESOS_SECRET)));
        }
        if (conf.contains(MESOS_SECRET_FILE)) {
            return Optional.of(Credential.fromFile(principal, Path.of(conf.get(MESOS_SECRET_FILE))));
        }
        return environment.credential(principal);
    }

    /** {@code spark.mesos.task.labels}: {@code k1:v1,k2:v2}, with {@code \:} and {@code \,} escaping. */
    private static Map<String, String> labels(SparkConf conf, Reader r) {
        Map<String, String> labels = new LinkedHashMap<>();
        String text = conf.get(MESOS_TASK_LABELS, "");
        if (text.isBlank()) {
            return labels;
        }
        for (String pair : text.split("(?<!\\\\),")) {
            String[] kv = pair.split("(?<!\\\\):", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw r.invalid(MESOS_TASK_LABELS, "expected key:value, got '" + pair + "'");
            }
            labels.put(unescape(kv[0].trim()), unescape(kv[1].trim()));
        }
        return labels;
    }

    private static String unescape(String s) {
        return s.replace("\\:", ":").replace("\\,", ",");
    }

    private static List<String> list(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static Optional<String> optional(SparkConf conf, String key) {
        return conf.contains(key) && !conf.get(key).isBlank() ? Optional.of(conf.get(key).trim()) : Optional.empty();
    }

    /** Reads typed values, turning a bad one into a one-line error that names its key. */
    private static final class Reader {
        private final SparkConf conf;

        Reader(SparkConf conf) {
            this.conf = conf;
        }

        IllegalArgumentException invalid(String key, String why) {
            return new IllegalArgumentException(key + " " + why);
        }

        <T> T parse(String key, String value, Function<String, T> parser) {
            try {
                return parser.apply(value);
            } catch (RuntimeException e) {
                throw invalid(key, "has an invalid value '" + value + "'");
            }
        }

        int integer(String key, int fallback) {
            return conf.contains(key) ? parse(key, conf.get(key), v -> Integer.parseInt(v.trim())) : fallback;
        }

        double decimal(String key, double fallback) {
            return conf.contains(key) ? parse(key, conf.get(key), v -> Double.parseDouble(v.trim())) : fallback;
        }

        double megabytes(String key, String fallback) {
            // As Spark reads memory settings: a bare number is MiB.
            return parse(key, conf.get(key, fallback), v -> (double) JavaUtils.byteStringAsMb(v.trim()));
        }

        double seconds(String key, String fallback) {
            return parse(key, conf.get(key, fallback), v -> JavaUtils.timeStringAsMs(v.trim()) / 1000.0);
        }

        double seconds(String key, double fallbackSeconds) {
            return conf.contains(key) ? seconds(key, "0s") : fallbackSeconds;
        }

        String file(String what, String path) {
            try {
                return Files.readString(Path.of(path)).trim();
            } catch (Exception e) {
                throw invalid(what, "names a file that cannot be read: " + path);
            }
        }
    }
}
