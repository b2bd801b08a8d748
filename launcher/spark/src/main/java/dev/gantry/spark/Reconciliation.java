package dev.gantry.spark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the backend's periodic reconciliation on a daemon thread of its own: Mesos does not
 * promise that every status update arrives (an agent lost at the wrong moment, a master failover),
 * so a scheduler asks, now and then, for the state of each task it believes in.
 */
final class Reconciliation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gantry-mesos-reconciliation");
        thread.setDaemon(true);
        return thread;
    });

    Reconciliation(Duration interval, Runnable tick) {
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                // One failed round must not end the schedule: the next may well succeed.
                LOG.warn("reconciliation failed: {}", e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** An explicit RECONCILE's tasks: each executor by its task id and agent. */
    static List<Call.Reconcile.Task> explicit(Map<String, AgentID> executors) {
        List<Call.Reconcile.Task> tasks = new ArrayList<>(executors.size());
        executors.forEach((id, agent) -> tasks.add(Call.Reconcile.Task.newBuilder()
                .setTaskId(TaskID.newBuilder().setValue(id)).setAgentId(agent).build()));
        return tasks;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
