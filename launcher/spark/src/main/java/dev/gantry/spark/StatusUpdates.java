package dev.gantry.spark;

import dev.gantry.mesos.SchedulerClient;
import dev.gantry.protocol.TaskStates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.spark.scheduler.ExecutorLossReason;
import org.apache.spark.scheduler.ExecutorProcessLost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * What the backend learns of its executors' Mesos tasks, and what it does about it: a status
 * update (a running task it does not know is killed; an ended one is forgotten, counted if it
 * failed, replaced, and reported to Spark), an ACCEPT the master did not take, and the periodic
 * check that reconciles every executor with the master and replaces launches that never reported.
 */
final class StatusUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(StatusUpdates.class);

    private final SchedulerState state;
    private final MesosBackendConf conf;
    private final FailureReports failureReports;
    private final Supplier<SchedulerClient> client;
    private final Supplier<String> appId;
    /** Spark's CoarseGrainedSchedulerBackend.removeExecutor, which only the backend may call. */
    private final BiConsumer<String, ExecutorLossReason> removeExecutor;

    StatusUpdates(SchedulerState state, MesosBackendConf conf, FailureReports failureReports,
                  Supplier<SchedulerClient> client, Supplier<String> appId,
                  BiConsumer<String, ExecutorLossReason> removeExecutor) {
        this.state = state;
        this.conf = conf;
        this.failureReports = failureReports;
        this.client = client;
        this.appId = appId;
        this.removeExecutor = removeExecutor;
    }

    void update(TaskStatus status) {
        SchedulerClient client = this.client.get();
        client.acknowledge(status).exceptionally(e -> MesosSchedulerBackend.logCallFailure("ACKNOWLEDGE", e));
        String executorId = status.getTaskId().getValue();
        TaskState taskState = status.getState();
        if (!TaskStates.isTerminal(taskState)) {
            boolean known;
            boolean stopped;
            state.lock.lock();
            try {
                known = state.executors.reported(executorId);
                stopped = state.stopping;
            } finally {
                state.lock.unlock();
            }
            if (!known && !stopped) {
                // A task the backend does not know (it gave it up for lost, or its ACCEPT seemed to
                // fail) runs on: it holds resources and an executor the application does not count.
                LOG.warn("killing task {} on agent {}: it is {} but not one of this application's executors",
                        executorId, status.getAgentId().getValue(), taskState);
                client.kill(status.getTaskId(), status.getAgentId())
                        .exceptionally(e -> MesosSchedulerBackend.logCallFailure("KILL", e));
            } else {
                LOG.debug("executor {} is {}", executorId, taskState);
            }
            return;
        }
        List<Runnable> calls = new ArrayList<>();
        LaunchedExecutors.Executor gone;
        boolean stopped;
        boolean failed;
        String giveUp = null;
        state.lock.lock();
        try {
            gone = state.executors.remove(executorId);
            stopped = state.stopping;
            failed = gone != null && !stopped && ExecutorStatuses.isFailure(taskState);
            if (failed) {
                giveUp = state.executors.failures().failed(gone.agentId().getValue(),
                        ExecutorStatuses.failedOnItsAgent(status), failureLimit());
                if (giveUp != null) {
                    // Under the lock, so that no offer that arrives meanwhile launches another.
                    state.offers.declineAll(calls, client, conf.declines().demandSatisfied());
                }
            }
            if (gone != null && !stopped) {
                state.offers.reviveIfShort(calls, client, state.executors);
            }
        } finally {
            state.lock.unlock();
        }
        if (gone == null) {
            return;
        }
        if (failed) {
            failureReports.failed(executorId, gone, status, appId.get(), giveUp);
        }
        if (!failed) {
            LOG.info("executor {} on agent {} ended: {}", executorId, gone.agentId().getValue(),
                    taskState + (status.hasMessage() ? ": " + status.getMessage() : ""));
        }
        // After stop() the driver endpoint is gone; telling it about executors would only fail.
        if (!stopped) {
            removeExecutor.accept(executorId, ExecutorStatuses.lossReason(status, gone.hostname()));
        }
        calls.forEach(Runnable::run);
    }

    /**
     * An ACCEPT the master did not take launched nothing: its executors are forgotten (and others
     * asked for), so that they do not hold the application's share forever. Should the master have
     * launched them after all, they report as unknown tasks and are killed.
     */
    Void acceptFailed(List<TaskInfo> launched, Throwable e) {
        MesosSchedulerBackend.logCallFailure("ACCEPT", e);
        List<Runnable> calls = new ArrayList<>();
        state.lock.lock();
        try {
            for (TaskInfo task : launched) {
                state.executors.remove(task.getTaskId().getValue());
            }
            if (!state.stopping) {
                state.offers.reviveIfShort(calls, client.get(), state.executors);
            }
        } finally {
            state.lock.unlock();
        }
        calls.forEach(Runnable::run);
        return null;
    }

    /**
     * The periodic check: every executor's state asked of the master (a launch the master lost
     * comes back TASK_LOST and is replaced), and launches that have sent no status at all within
     * {@code spark.gantry.executor.startTimeout} killed and replaced.
     */
    void reconcileAndExpire() {
        SchedulerClient client = this.client.get();
        Map<String, AgentID> known;
        Map<String, LaunchedExecutors.Executor> expired;
        List<Runnable> calls = new ArrayList<>();
        String giveUp = null;
        state.lock.lock();
        try {
            if (state.stopping) {
                return;
            }
            expired = state.executors.expire(System.nanoTime(), conf.executorStartTimeoutNanos());
            for (LaunchedExecutors.Executor executor : expired.values()) {
                String why = state.executors.failures().failed(executor.agentId().getValue(), true, failureLimit());
                giveUp = giveUp != null ? giveUp : why;
            }
            if (giveUp != null) {
                state.offers.declineAll(calls, client, conf.declines().demandSatisfied());
            }
            if (!expired.isEmpty()) {
                state.offers.reviveIfShort(calls, client, state.executors);
            }
            known = state.executors.agents();
        } finally {
            state.lock.unlock();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(conf.executorStartTimeoutNanos());
        expired.forEach((id, executor) -> {
            LOG.error("executor {} on agent {} ({}) sent no status within {} s of its launch; killing it", id,
                    executor.agentId().getValue(), executor.hostname(), seconds);
            client.kill(TaskID.newBuilder().setValue(id).build(), executor.agentId())
                    .exceptionally(e -> MesosSchedulerBackend.logCallFailure("KILL", e));
            removeExecutor.accept(id, new ExecutorProcessLost("sent no status within " + seconds + " s of its launch",
                    Option.apply(executor.hostname()), false));
        });
        calls.forEach(Runnable::run);
        if (giveUp != null) {
            failureReports.giveUp("executors keep failing: " + giveUp + "; the last sent no status within " + seconds
                    + " s of its launch");
        }
        if (!known.isEmpty()) {
            client.reconcile(Reconciliation.explicit(known))
                    .exceptionally(e -> MesosSchedulerBackend.logCallFailure("RECONCILE", e));
        }
    }

    /** Failures to allow before giving up: held to the executors wanted now (called under the lock). */
    private int failureLimit() {
        return conf.executorFailureLimit(Math.max(1, state.executors.target()));
    }
}
