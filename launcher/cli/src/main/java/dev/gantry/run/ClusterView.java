package dev.gantry.run;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.GpuDevice;
import dev.gantry.localcluster.GpuInventory;
import dev.gantry.placement.Amounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agents a job can go to: read from a master's state, or, for an embedded cluster that is
 * not started yet, predicted from its spec exactly as {@code LocalCluster} will build it.
 *
 * @param gpusSimulated whether the GPUs are simulated (embedded cluster without enough real ones)
 */
public record ClusterView(String master, boolean embedded, boolean gpusSimulated, List<AgentView> agents) {
    public ClusterView {
        agents = List.copyOf(agents);
    }

    static ClusterView ofEmbedded(ClusterSpec spec) {
        int wanted = spec.agents().stream().mapToInt(AgentSpec::gpus).sum();
        // Detected once: with a driver this reads /proc and initialises CUDA.
        List<GpuDevice> real = wanted > 0 ? GpuInventory.detect() : List.of();
        boolean simulated = wanted > 0 && real.size() < wanted;
        List<AgentView> agents = new ArrayList<>();
        for (int i = 0; i < spec.agents().size(); i++) {
            AgentSpec agent = spec.agents().get(i);
            Amounts all = new Amounts(agent.cpus(), agent.memMb(), agent.gpus());
            String model = agent.gpus() == 0 ? null : simulated ? agent.gpuModel() : real.get(0).model();
            Map<String, String> attributes = new LinkedHashMap<>(agent.attributes());
            if (model != null) {
                // As LocalCluster labels a GPU agent, so that constraints on gpu_model judge alike.
                attributes.putIfAbsent("gpu_model", model);
            }
            agents.add(new AgentView("agent-" + (i + 1), "localhost", all, all, model, attributes));
        }
        return new ClusterView("embedded", true, simulated, agents);
    }

    public int totalGpus() {
        return agents.stream().mapToInt(a -> a.total().gpus()).sum();
    }

    /** "2 agents: a1 (4 CPUs, 8192 MB, 2 GPUs free), ..." for messages that say what there was. */
    public String describe() {
        return describe(true);
    }

    /** "2 agents: a1 (4 CPUs, 8192 MB, 2 GPUs), ...": what each agent has in all. */
    public String describeTotals() {
        return describe(false);
    }

    private String describe(boolean free) {
        StringBuilder out = new StringBuilder().append(agents.size()).append(agents.size() == 1 ? " agent" : " agents");
        String separator = ": ";
        for (AgentView agent : agents) {
            out.append(separator).append(agent.id()).append(" (")
                    .append(free ? agent.free().describe() + " free" : agent.total().describe()).append(")");
            separator = ", ";
        }
        return out.toString();
    }
}
