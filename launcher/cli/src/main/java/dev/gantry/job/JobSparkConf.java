package dev.gantry.job;

import static dev.gantry.spark.SparkKeys.*;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spark configuration a job's resources mean, under the keys Gantry's Mesos backend reads
 * ({@link dev.gantry.spark.SparkKeys}), followed by the spec's own {@code spark} map, which wins: a
 * user who writes a Spark key means it. {@link JobSpec#settings()} reads the result once.
 */
final class JobSparkConf {
    private JobSparkConf() {}

    static Map<String, String> of(JobSpec job) {
        ResourcesSection r = job.resources();
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put(APP_NAME, job.name());
        conf.put(EXECUTOR_INSTANCES, Integer.toString(r.workers()));
        conf.put(EXECUTOR_CORES, Integer.toString(r.cpusPerWorker()));
        // One barrier task per executor: the task takes all of its executor's CPUs and GPUs.
        conf.put(TASK_CPUS, Integer.toString(r.cpusPerWorker()));
        conf.put(EXECUTOR_MEMORY, r.memoryPerWorker());
        if (r.gpusPerWorker() > 0) {
            conf.put(EXECUTOR_GPUS, Integer.toString(r.gpusPerWorker()));
            conf.put(TASK_GPUS, Integer.toString(r.gpusPerWorker()));
        }
        conf.put(PLACEMENT_POLICY, r.placement().id());
        // Training needs every worker at once: a barrier stage fails fast when slots are missing.
        conf.put(GANG_ENABLED, "true");
        conf.put(GANG_TIMEOUT, r.gangTimeout());
        if (!r.constraints().isEmpty()) {
            conf.put(MESOS_CONSTRAINTS, r.constraintText());
        }
        // A training job outlives the blips of a real cluster: an agent restarted in place keeps
        // its executors (checkpointing), and after a master failover or a dropped event stream the
        // driver has five minutes to resubscribe before Mesos kills them. A driver that dies
        // outright therefore leaves its executors for those five minutes (gantry kill ends them).
        conf.put(MESOS_CHECKPOINT, "true");
        conf.put(MESOS_FAILOVER_TIMEOUT, "300s");
        // Barrier stages refuse dynamic allocation, and a training job's size is fixed.
        conf.put(DYNAMIC_ALLOCATION, "false");
        // Native math libraries (ND4J's OpenMP, oneDNN) size their pools when the executor starts,
        // from the environment: as many threads as the worker has CPUs, or they fight over cores.
        conf.put(EXECUTOR_ENV + "OMP_NUM_THREADS", Integer.toString(job.toTrainingJob().config().threads()));
        if (job.spark().containsKey(MESOS_IMAGE) && !job.spark().containsKey(EXECUTOR_CLASSPATH)) {
            // The executor image holds each backend's classpath apart (docker/executor.Dockerfile).
            conf.put(EXECUTOR_CLASSPATH, "/opt/gantry/backends/" + job.framework().id() + "/*");
        }
        conf.putAll(job.spark());
        return conf;
    }
}
