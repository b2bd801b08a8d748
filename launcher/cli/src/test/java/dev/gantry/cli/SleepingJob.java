package dev.gantry.cli;

import dev.gantry.localcluster.LocalCluster;
import dev.gantry.mesos.Credential;
import dev.gantry.mesos.FrameworkInfos;
import dev.gantry.mesos.SchedulerClient;
import dev.gantry.mesos.SchedulerListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;

/**
 * A framework on the embedded cluster that runs sleeping tasks from its first offer, as a job
 * holds executors: something for {@code gantry status} to list and {@code gantry kill} to kill.
 */
final class SleepingJob implements SchedulerListener, AutoCloseable {
    final BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    final BlockingQueue<String> stops = new LinkedBlockingQueue<>();
    final Map<String, TaskState> states = new ConcurrentHashMap<>();
    private final AtomicBoolean launched = new AtomicBoolean();
    private final String name;
    private final int tasks;
    private final double cpus;
    private final double memMb;
    private final int gpus;
    private SchedulerClient client;

    private SleepingJob(String name, int tasks, double cpus, double memMb, int gpus) {
        this.name = name;
        this.tasks = tasks;
        this.cpus = cpus;
        this.memMb = memMb;
        this.gpus = gpus;
    }

    /** Subscribes, launches {@code tasks} tasks of the given size on one agent, and waits until all run. */
    static SleepingJob start(LocalCluster cluster, String name, int tasks, double cpus, double memMb, int gpus,
                             Credential credential) throws Exception {
        SleepingJob job = new SleepingJob(name, tasks, cpus, memMb, gpus);
        SchedulerClient.Builder builder = SchedulerClient.builder().master(cluster.mesosUrl()).listener(job)
                .backoff(Duration.ofMillis(100), Duration.ofMillis(500))
                .frameworkInfo(FrameworkInfos.builder(name).gpuResources(true).webuiUrl("http://127.0.0.1:4040").build());
        if (credential != null) {
            builder.credential(credential);
        }
        job.client = builder.build();
        job.client.start();
        job.client.awaitSubscribed(Duration.ofSeconds(10));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (job.running() < tasks) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": tasks not running after 20 s: " + job.states);
            }
            Thread.sleep(50);
        }
        return job;
    }

    String frameworkId() {
        return client.frameworkId().orElseThrow().getValue();
    }

    long running() {
        return states.values().stream().filter(s -> s == TaskState.TASK_RUNNING).count();
    }

    @Override
    public void offers(List<Offer> offers) {
        List<OfferID> declined = new ArrayList<>();
        for (Offer offer : offers) {
            if (launched.compareAndSet(false, true)) {
                List<TaskInfo> infos = new ArrayList<>();
                for (int i = 0; i < tasks; i++) {
                    TaskInfo.Builder task = TaskInfo.newBuilder().setName(name + "-" + i)
                            .setTaskId(TaskID.newBuilder().setValue(name + "-" + i)).setAgentId(offer.getAgentId())
                            .setCommand(CommandInfo.newBuilder().setShell(true).setValue("sleep 600"))
                            .addResources(scalar("cpus", cpus)).addResources(scalar("mem", memMb));
                    if (gpus > 0) {
                        task.addResources(scalar("gpus", gpus));
                    }
                    infos.add(task.build());
                    states.put(name + "-" + i, TaskState.TASK_STAGING);
                }
                client.launch(offer.getId(), infos, Filters.newBuilder().setRefuseSeconds(3600).build());
            } else {
                declined.add(offer.getId());
            }
        }
        if (!declined.isEmpty()) {
            client.decline(declined, Filters.newBuilder().setRefuseSeconds(3600).build());
        }
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("*")).build();
    }

    @Override
    public void update(TaskStatus status) {
        states.put(status.getTaskId().getValue(), status.getState());
        client.acknowledge(status);
    }

    @Override
    public void error(String message) {
        errors.add(message);
    }

    @Override
    public void stopped(String reason) {
        stops.add(reason);
    }

    @Override
    public void close() {
        client.close();
    }
}
