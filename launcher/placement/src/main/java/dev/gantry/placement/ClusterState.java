package dev.gantry.placement;

import java.util.Map;

/**
 * What placement needs to know beyond the offers: this job's executors per agent and what they
 * hold, recent executor failures per agent, whether the job's roles are suppressed, the time,
 * and since when a gang has been waiting for offers ({@code -1}: not waiting).
 */
public record ClusterState(Map<String, Integer> executorsPerAgent, Map<String, Integer> failuresPerAgent,
                           Amounts held, int executors, boolean suppressed, long nowMillis,
                           long gangWaitingSinceMillis) {
    /** Agents with this many recent executor failures get no more executors, as in Spark 3.5. */
    public static final int MAX_AGENT_FAILURES = 2;

    public ClusterState {
        executorsPerAgent = Map.copyOf(executorsPerAgent);
        failuresPerAgent = Map.copyOf(failuresPerAgent);
    }

    /** A job with nothing running yet, at {@code nowMillis}. */
    public static ClusterState empty(long nowMillis) {
        return new ClusterState(Map.of(), Map.of(), Amounts.ZERO, 0, false, nowMillis, -1);
    }

    public int executorsOn(String agentId) {
        return executorsPerAgent.getOrDefault(agentId, 0);
    }

    public boolean failing(String agentId) {
        return failuresPerAgent.getOrDefault(agentId, 0) >= MAX_AGENT_FAILURES;
    }
}
