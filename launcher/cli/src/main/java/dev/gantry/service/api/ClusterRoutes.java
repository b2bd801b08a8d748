package dev.gantry.service.api;

import dev.gantry.service.jobs.ClusterUsage;
import dev.gantry.service.jobs.JobService;
import java.util.Set;

/**
 * The cluster as the caller may see it: every agent, GPU and role (the cluster is shared, and
 * where the GPUs go explains the queue), but of another team's jobs only the id and team, as the
 * queue shows them.
 */
final class ClusterRoutes {
    private final JobService jobs;

    ClusterRoutes(JobService jobs) {
        this.jobs = jobs;
    }

    Router addTo(Router router) {
        return router.route("GET", "/api/v1/cluster", this::cluster);
    }

    private ApiResponse cluster(ApiRequest request) {
        request.query().allowing(Set.of());
        ClusterUsage usage;
        try {
            usage = jobs.cluster();
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw ApiException.unavailable("the master's state cannot be read now: " + e.getMessage());
        }
        return ApiResponse.ok(seenBy(usage, request.caller().team()));
    }

    static ClusterUsage seenBy(ClusterUsage usage, String team) {
        return new ClusterUsage(usage.agents().stream().map(agent -> new ClusterUsage.Agent(agent.id(),
                agent.hostname(), agent.active(), agent.gpuModel(), agent.total(), agent.used(),
                agent.gpus().stream().map(slot -> new ClusterUsage.GpuSlot(slot.index(), seenBy(slot.heldBy(), team)))
                        .toList())).toList(), usage.roles(), usage.total(), usage.used(), usage.free());
    }

    private static ClusterUsage.Holder seenBy(ClusterUsage.Holder holder, String team) {
        if (holder == null || holder.jobId() == null || team.equals(holder.team())) {
            return holder;
        }
        return new ClusterUsage.Holder(holder.jobId(), holder.team(), null, null);
    }
}
