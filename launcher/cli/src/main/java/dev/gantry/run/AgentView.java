package dev.gantry.run;

import dev.gantry.placement.Amounts;
import java.util.Map;

/**
 * One agent as a job sees it before launching: all it has and what no one uses yet.
 *
 * @param gpuModel the GPUs' model where the cluster says it, else null
 */
public record AgentView(String id, String hostname, Amounts total, Amounts free, String gpuModel,
                        Map<String, String> attributes) {
    public AgentView {
        attributes = Map.copyOf(attributes);
    }
}
