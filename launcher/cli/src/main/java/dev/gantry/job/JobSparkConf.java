package dev.gantry.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spark configuration a job's resources mean, in the keys Gantry's Mesos backend reads
 * ({@code dev.gantry.spark.MesosBackendConf}), followed by the spec's own {@code spark} map, which
 * wins: a user who writes a Spark key means it.
 */
final class JobSparkConf {
    private static final String IMAGE = "spark.mesos.executor.docker.image";
    private static final String EXECUTOR_CLASSPATH = "spark.gantry.executor.classpath";

    private JobSparkConf() {}

    static Map<String, String> of(JobSpec job) {
        ResourcesSection r = job.resources();
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.app.name", job.name());
        conf.put("spark.executor.instances", Integer.toString(r.workers()));
        conf.put("spark.executor.cores", Integer.toString(r.cpusPerWorker()));
        // One barrier task per executor: the task takes all of its executor's CPUs and GPUs.
        conf.put("spark.task.cpus", Integer.toString(r.cpusPerWorker()));
        conf.put("spark.executor.memory", r.memoryPerWorker());
        if (r.gpusPerWorker() > 0) {
            conf.put("spark.executor.resource.gpu.amount", Integer.toString(r.gpusPerWorker()));
            conf.put("spark.task.resource.gpu.amount", Integer.toString(r.gpusPerWorker()));
        }
        conf.put("spark.gantry.placement.policy", r.placement().id());
        // Training needs every worker at once: a barrier stage fails fast when slots are missing.
        conf.put("spark.gantry.gang.enabled", "true");
        conf.put("spark.gantry.gang.timeout", r.gangTimeout());
        if (!r.constraints().isEmpty()) {
            conf.put("spark.mesos.constraints", r.constraintText());
        }
        // A training job outlives the blips of a real cluster: an agent restarted in place keeps
        // its executors (checkpointing), and after a master failover or a dropped event stream the
        // driver has five minutes to resubscribe before Mesos kills them. A driver that dies
        // outright therefore leaves its executors for those five minutes (gantry kill ends them).
        conf.put("spark.mesos.checkpoint", "true");
        conf.put("spark.mesos.driver.failoverTimeout", "300s");
        // Barrier stages refuse dynamic allocation, and a training job's size is fixed.
        conf.put("spark.dynamicAllocation.enabled", "false");
        // Native math libraries (ND4J's OpenMP, oneDNN) size their pools when the executor starts,
        // from the environment: as many threads as the worker has CPUs, or they fight over cores.
        conf.put("spark.executorEnv.OMP_NUM_THREADS", Integer.toString(job.toTrainingJob().config().threads()));
        if (job.spark().containsKey(IMAGE) && !job.spark().containsKey(EXECUTOR_CLASSPATH)) {
            // The executor image holds each backend's classpath apart (docker/executor.Dockerfile).
            conf.put(EXECUTOR_CLASSPATH, "/opt/gantry/backends/" + job.framework().id() + "/*");
        }
        conf.putAll(job.spark());
        return conf;
    }
}
