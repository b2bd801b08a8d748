package dev.gantry.spark;

import dev.gantry.placement.Amounts;
import dev.gantry.placement.ClusterState;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;

/**
 * The backend's book of executors: those it launched and has not seen end, which of them have
 * reported, how many it wants, and their failures. Not thread-safe: the backend keeps it under
 * its lock.
 */
final class LaunchedExecutors {
    /**
     * One executor task the backend launched and has not seen end; {@code agentUrl} is null where
     * the offer had none. {@code launchedNanos} dates the ACCEPT, for launches that never report.
     */
    record Executor(AgentID agentId, String hostname, Amounts resources, URI agentUrl, long launchedNanos) {}

    private final Map<String, Executor> executors = new LinkedHashMap<>();
    /** Executors that have sent any status: the others are launches still in flight. */
    private final Set<String> reported = new HashSet<>();
    private final ExecutorFailures failures = new ExecutorFailures();
    private int target;
    private int nextId;

    LaunchedExecutors(int target) {
        this.target = target;
    }

    /** How many executors the application wants in all, running ones included. */
    int target() {
        return target;
    }

    void target(int executors) {
        target = executors;
    }

    ExecutorFailures failures() {
        return failures;
    }

    /** Whether more executors are wanted and the backend has not given up launching them. */
    boolean isShort() {
        return !failures.givenUp() && executors.size() < target;
    }

    /** A new executor id, which is also its Mesos task id. */
    String nextId() {
        return String.valueOf(nextId++);
    }

    /** Records executor {@code id}'s launch, now. */
    void launched(String id, AgentID agentId, String hostname, Amounts resources, URI agentUrl) {
        executors.put(id, new Executor(agentId, hostname, resources, agentUrl, System.nanoTime()));
    }

    Executor get(String id) {
        return executors.get(id);
    }

    /** Marks {@code id} as having reported; whether it is one of the book's executors. */
    boolean reported(String id) {
        boolean known = executors.containsKey(id);
        if (known) {
            reported.add(id);
        }
        return known;
    }

    /** Forgets {@code id}; the executor it was, or null if none. */
    Executor remove(String id) {
        reported.remove(id);
        return executors.remove(id);
    }

    int size() {
        return executors.size();
    }

    /** Every executor's agent, by executor id, in launch order. */
    Map<String, AgentID> agents() {
        Map<String, AgentID> known = new LinkedHashMap<>();
        executors.forEach((id, executor) -> known.put(id, executor.agentId()));
        return known;
    }

    /** Forgets and returns the launches that have sent no status within {@code timeoutNanos} of {@code nowNanos}. */
    Map<String, Executor> expire(long nowNanos, long timeoutNanos) {
        Map<String, Executor> expired = new LinkedHashMap<>();
        executors.forEach((id, executor) -> {
            if (!reported.contains(id) && nowNanos - executor.launchedNanos() > timeoutNanos) {
                expired.put(id, executor);
            }
        });
        expired.keySet().forEach(executors::remove);
        return expired;
    }

    List<ExecutorPlacement> placements() {
        List<ExecutorPlacement> out = new ArrayList<>(executors.size());
        executors.forEach((id, e) -> out.add(new ExecutorPlacement(id, e.agentId().getValue(), e.hostname(),
                e.resources().cpus(), e.resources().memMb(), e.resources().gpus())));
        return out;
    }

    /** The application's footprint as placement weighs the next round. */
    ClusterState clusterState(boolean suppressed, long gangWaitingSince) {
        Map<String, Integer> perAgent = new HashMap<>();
        Amounts held = Amounts.ZERO;
        for (Executor executor : executors.values()) {
            perAgent.merge(executor.agentId().getValue(), 1, Integer::sum);
            held = held.plus(executor.resources());
        }
        return new ClusterState(perAgent, failures.perAgent(), held, executors.size(), suppressed,
                System.currentTimeMillis(), gangWaitingSince);
    }
}
