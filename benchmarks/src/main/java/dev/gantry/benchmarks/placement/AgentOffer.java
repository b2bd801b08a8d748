package dev.gantry.benchmarks.placement;

/**
 * The one outstanding offer of an agent (role {@code *}, unreserved): what is free on it. A
 * {@link Cluster} replaces an agent's offer object only when the agent's free resources change,
 * so placers may cache what they derive from an offer by its identity, as a framework keeps
 * an offer it has not used.
 */
public record AgentOffer(int agentIndex, Agent agent, Resources free) {}
