package dev.gantry.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.ExternalClusterManager;
import org.apache.spark.scheduler.SchedulerBackend;
import org.apache.spark.scheduler.TaskScheduler;
import org.apache.spark.scheduler.TaskSchedulerImpl;

/**
 * Makes {@code mesos://host:port} (a comma list of masters too) a Spark 4 master. Spark finds it
 * through ServiceLoader for any master URL its built-in modes do not claim, and hands it only the
 * SparkContext: the backend's settings are read from its conf here, once.
 */
public final class MesosClusterManager implements ExternalClusterManager {
    static final String SCHEME = "mesos://";

    @Override
    public boolean canCreate(String masterUrl) {
        return masterUrl.startsWith(SCHEME);
    }

    @Override
    public TaskScheduler createTaskScheduler(SparkContext sc, String masterUrl) {
        return new TaskSchedulerImpl(sc);
    }

    @Override
    public SchedulerBackend createSchedulerBackend(SparkContext sc, String masterUrl, TaskScheduler scheduler) {
        MesosBackendConf conf = MesosBackendConf.from(sc.conf());
        if (conf.executorGpus() > 0) {
            // Executors learn their GPUs from what the Mesos agent gave them, not from a script.
            sc.conf().setIfMissing(SparkKeys.RESOURCES_DISCOVERY_PLUGIN, GpuDiscoveryPlugin.class.getName());
        }
        return new MesosSchedulerBackend((TaskSchedulerImpl) scheduler, sc, masterUrl, conf);
    }

    @Override
    public void initialize(TaskScheduler scheduler, SchedulerBackend backend) {
        ((TaskSchedulerImpl) scheduler).initialize(backend);
    }
}
