package dev.gantry.queue;

import dev.gantry.placement.Amounts;
import java.util.Map;
import java.util.Objects;

/**
 * An agent as placement sees it: its total resources and what is free now, with its attributes
 * for the jobs' constraints (text, numbers written as text, as Mesos attributes print).
 */
public record AgentResources(String agentId, String hostname, Map<String, String> attributes, Amounts total,
                             Amounts free) {
    public AgentResources {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(hostname, "hostname");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(free, "free");
        if (!total.holds(free)) {
            throw new IllegalArgumentException("agent " + agentId + " cannot have " + free.describe() + " free of "
                    + total.describe());
        }
    }

    /** An idle agent without attributes. */
    public static AgentResources idle(String agentId, Amounts total) {
        return new AgentResources(agentId, agentId, Map.of(), total, total);
    }

    public AgentResources withFree(Amounts amounts) {
        return new AgentResources(agentId, hostname, attributes, total, amounts);
    }
}
