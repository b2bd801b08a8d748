package dev.gantry.spark;

import dev.gantry.placement.ClusterState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The application's executor failures, per agent (placement keeps executors off an agent with
 * {@link ClusterState#MAX_AGENT_FAILURES}) and in all, and the decision to stop launching: after
 * Spark's {@code spark.executor.maxNumFailures} failures, or once every agent offered so far has
 * failed as often as placement allows, so that no launch could go anywhere else. An executor that
 * registered with the driver and then died counts too: Spark's executor registers even while it is
 * exiting for a failed start, so the driver cannot tell the two apart. Not thread-safe: the
 * backend calls it under its lock.
 */
final class ExecutorFailures {
    private final Map<String, Integer> perAgent = new HashMap<>();
    private final Set<String> agentsOffered = new HashSet<>();
    private int total;
    private boolean givenUp;

    void offered(String agentId) {
        agentsOffered.add(agentId);
    }

    /**
     * Records one failure on {@code agentId} ({@code againstAgent}: whether it says something about
     * the agent) and returns why to stop launching when this failure is the one that decides it,
     * else null; {@code limit} is the application's failure limit now.
     */
    String failed(String agentId, boolean againstAgent, int limit) {
        if (againstAgent) {
            perAgent.merge(agentId, 1, Integer::sum);
        }
        total++;
        if (givenUp) {
            return null;
        }
        String why = null;
        if (total >= limit) {
            why = total + " executor(s) failed (spark.executor.maxNumFailures is " + limit + ")";
        } else if (!agentsOffered.isEmpty() && agentsOffered.stream()
                .allMatch(a -> perAgent.getOrDefault(a, 0) >= ClusterState.MAX_AGENT_FAILURES)) {
            why = "executors failed on every agent offered (" + agentsOffered.size() + " agent(s), "
                    + ClusterState.MAX_AGENT_FAILURES + " failures each)";
        }
        givenUp = why != null;
        return why;
    }

    /** Whether launching has stopped for good. */
    boolean givenUp() {
        return givenUp;
    }

    /** Failures per agent, for placement. */
    Map<String, Integer> perAgent() {
        return perAgent;
    }
}
