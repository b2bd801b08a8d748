package dev.gantry.run;

import dev.gantry.placement.AgentLaunch;
import dev.gantry.placement.Decline;
import dev.gantry.placement.ExecutorAllocation;
import dev.gantry.placement.OfferView;
import dev.gantry.placement.OfferedResources;
import dev.gantry.placement.Plan;
import dev.gantry.spark.MesosSparkSettings;
import dev.gantry.spark.PlacementPreview;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gantry run --dry-run}: the plan the backend would make if every agent offered what it has
 * free now, computed by the placement engine itself; nothing is launched.
 */
final class DryRun {
    private DryRun() {}

    static void print(PrintWriter out, ClusterView cluster, MesosSparkSettings settings, int workers) {
        Plan plan = PlacementPreview.plan(settings, offers(cluster, settings.role()), System.currentTimeMillis());
        out.println("placement plan for " + workers + " worker(s) on " + cluster.master() + " ("
                + settings.placementPolicy() + "):");
        int worker = 0;
        for (AgentLaunch launch : plan.launches()) {
            AgentView agent = agent(cluster, launch.agentId());
            for (ExecutorAllocation executor : launch.executors()) {
                out.println("  worker " + worker++ + " -> agent " + launch.agentId() + " (" + agent.hostname()
                        + (agent.gpuModel() == null ? "" : ", " + agent.gpuModel()) + "): "
                        + executor.total().describe());
            }
        }
        if (plan.executorCount() < workers) {
            out.println("  only " + plan.executorCount() + " of " + workers + " worker(s) fit in what is free now"
                    + reasons(plan.declines()) + "; the job would wait up to resources.gangTimeout for the rest");
        }
        if (cluster.gpusSimulated()) {
            out.println("  (GPUs are simulated: this machine has no NVIDIA GPUs; training would run on CPU)");
        }
        out.flush();
    }

    /** One offer per agent of all it has free, to the job's role, as an allocator would make. */
    private static List<OfferView> offers(ClusterView cluster, String role) {
        List<OfferView> offers = new ArrayList<>();
        for (AgentView agent : cluster.agents()) {
            offers.add(new OfferView("preview-" + agent.id(), agent.id(), agent.hostname(), role,
                    List.of(OfferedResources.unreserved(agent.free())), agent.attributes()));
        }
        return offers;
    }

    private static AgentView agent(ClusterView cluster, String id) {
        return cluster.agents().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    private static String reasons(List<Decline> declines) {
        List<String> why = declines.stream().map(d -> d.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).distinct().toList();
        return why.isEmpty() ? "" : " (other agents: " + String.join(", ", why) + ")";
    }
}
