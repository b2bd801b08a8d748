package dev.gantry.benchmarks.placement;

import java.util.Map;

/**
 * A Mesos agent of a generated cluster: its id, hostname, attributes as text (numbers written as
 * text, as Mesos scalar attributes print) and total resources.
 */
public record Agent(String id, String hostname, AgentType type, Map<String, String> attributes,
                    Resources capacity) {
    public Agent {
        attributes = Map.copyOf(attributes);
    }
}
