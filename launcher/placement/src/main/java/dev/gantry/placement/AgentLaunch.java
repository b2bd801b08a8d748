package dev.gantry.placement;

import java.util.List;

/**
 * Executors to launch on one agent with one ACCEPT of all its offers in {@code role}. What the
 * executors leave of those offers is refused for {@code refuseUnusedSeconds}.
 */
public record AgentLaunch(String agentId, String role, List<String> offerIds, List<ExecutorAllocation> executors,
                          double refuseUnusedSeconds) {
    public AgentLaunch {
        offerIds = List.copyOf(offerIds);
        executors = List.copyOf(executors);
    }
}
