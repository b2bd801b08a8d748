package dev.gantry.spark;

/**
 * The names of the Spark settings Gantry writes or reads, in one place: the launcher writes a
 * job's settings under them ({@code dev.gantry.job.JobSparkConf}), the backend reads them back
 * ({@link MesosBackendConf}), and nothing else spells them. Spark's own keys keep Spark's meaning;
 * the {@code spark.mesos.*} keys mean what they meant to Spark 3.5's Mesos backend; Gantry's own
 * are under {@code spark.gantry.*}.
 */
public final class SparkKeys {
    private SparkKeys() {}

    // ---------------------------------------------------------------- Spark's own

    public static final String APP_NAME = "spark.app.name";
    public static final String MASTER = "spark.master";
    public static final String JARS = "spark.jars";
    public static final String DEPLOY_MODE = "spark.submit.deployMode";
    public static final String DRIVER_HOST = "spark.driver.host";
    public static final String DRIVER_BIND_ADDRESS = "spark.driver.bindAddress";
    public static final String DRIVER_PORT = "spark.driver.port";
    public static final String EXECUTOR_INSTANCES = "spark.executor.instances";
    public static final String EXECUTOR_CORES = "spark.executor.cores";
    public static final String EXECUTOR_MEMORY = "spark.executor.memory";
    public static final String EXECUTOR_MEMORY_OVERHEAD = "spark.executor.memoryOverhead";
    /** Whole GPUs per executor, as Spark's resource scheduling counts them. */
    public static final String EXECUTOR_GPUS = "spark.executor.resource.gpu.amount";
    public static final String EXECUTOR_MAX_FAILURES = "spark.executor.maxNumFailures";
    public static final String EXECUTOR_EXTRA_CLASSPATH = "spark.executor.extraClassPath";
    public static final String EXECUTOR_EXTRA_JAVA_OPTIONS = "spark.executor.extraJavaOptions";
    /** Followed by a variable's name: that variable in every executor's environment. */
    public static final String EXECUTOR_ENV = "spark.executorEnv.";
    public static final String TASK_CPUS = "spark.task.cpus";
    public static final String TASK_GPUS = "spark.task.resource.gpu.amount";
    public static final String CORES_MAX = "spark.cores.max";
    public static final String DYNAMIC_ALLOCATION = "spark.dynamicAllocation.enabled";
    public static final String RESOURCES_DISCOVERY_PLUGIN = "spark.resources.discoveryPlugin";
    public static final String MIN_REGISTERED_RATIO = "spark.scheduler.minRegisteredResourcesRatio";
    public static final String AUTHENTICATE = "spark.authenticate";
    public static final String AUTHENTICATE_SECRET = "spark.authenticate.secret";
    public static final String AUTHENTICATE_SECRET_FILE = "spark.authenticate.secret.file";

    // ---------------------------------------------------------------- Spark 3.5's Mesos backend

    public static final String MESOS_ROLE = "spark.mesos.role";
    public static final String MESOS_CONSTRAINTS = "spark.mesos.constraints";
    public static final String MESOS_CHECKPOINT = "spark.mesos.checkpoint";
    public static final String MESOS_FAILOVER_TIMEOUT = "spark.mesos.driver.failoverTimeout";
    public static final String MESOS_WEBUI_URL = "spark.mesos.driver.webui.url";
    public static final String MESOS_SHUTDOWN_TIMEOUT = "spark.mesos.coarse.shutdownTimeout";
    /** Mesosphere's GPUs per executor, read when {@link #EXECUTOR_GPUS} is absent. */
    public static final String MESOS_EXECUTOR_GPUS = "spark.mesos.executor.gpus";
    public static final String MESOS_GPUS_MAX = "spark.mesos.gpus.max";
    public static final String MESOS_MEMORY_OVERHEAD = "spark.mesos.executor.memoryOverhead";
    public static final String MESOS_CONTAINERIZER = "spark.mesos.containerizer";
    public static final String MESOS_IMAGE = "spark.mesos.executor.docker.image";
    public static final String MESOS_NETWORK_NAME = "spark.mesos.network.name";
    public static final String MESOS_URIS = "spark.mesos.uris";
    public static final String MESOS_TASK_LABELS = "spark.mesos.task.labels";
    public static final String MESOS_PRINCIPAL = "spark.mesos.principal";
    public static final String MESOS_PRINCIPAL_FILE = "spark.mesos.principal.file";
    public static final String MESOS_SECRET = "spark.mesos.secret";
    public static final String MESOS_SECRET_FILE = "spark.mesos.secret.file";
    public static final String MESOS_REJECT_OFFER_DURATION = "spark.mesos.rejectOfferDuration";
    public static final String MESOS_REJECT_FOR_UNMET_CONSTRAINTS = "spark.mesos.rejectOfferDurationForUnmetConstraints";
    public static final String MESOS_REJECT_FOR_MAX_CORES = "spark.mesos.rejectOfferDurationForReachedMaxCores";

    // ---------------------------------------------------------------- Gantry's own

    public static final String PLACEMENT_POLICY = "spark.gantry.placement.policy";
    public static final String GANG_ENABLED = "spark.gantry.gang.enabled";
    public static final String GANG_TIMEOUT = "spark.gantry.gang.timeout";
    public static final String GANG_BACKOFF = "spark.gantry.gang.backoff";
    public static final String CPU_EXECUTORS_ON_GPU_AGENTS = "spark.gantry.cpuExecutorsOnGpuAgents";
    public static final String REJECT_FOR_GPU_AGENTS = "spark.gantry.rejectOfferDurationForGpuAgents";
    public static final String REJECT_FOR_NOTHING_FITS = "spark.gantry.rejectOfferDurationForNothingFits";
    public static final String EXECUTOR_CLASSPATH = "spark.gantry.executor.classpath";
    public static final String EXECUTOR_JAVA = "spark.gantry.executor.java";
    public static final String EXECUTOR_START_TIMEOUT = "spark.gantry.executor.startTimeout";
    public static final String RECONCILE_INTERVAL = "spark.gantry.reconcileInterval";
    public static final String SUBSCRIBE_TIMEOUT = "spark.gantry.subscribeTimeout";
    /**
     * Test clusters only: agents that advertise {@code gpus} without Mesos' {@code gpu/nvidia}
     * isolator (no GPUs, or no NVML) expose no device, so executors find none. With this key each
     * executor is told GPU ids 0..n-1 for its n GPUs. Never on by default: on a real GPU host two
     * executors of one agent would be pointed at the same GPUs.
     */
    public static final String TEST_ASSIGN_GPU_IDS = "spark.gantry.test.assignGpuIds";
}
