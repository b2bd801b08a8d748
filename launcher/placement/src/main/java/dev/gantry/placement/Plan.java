package dev.gantry.placement;

import java.util.List;

/**
 * Placement's answer for one round: launches per agent, declines with their durations, offers
 * held back for a gang, what to do about the roles, and the gang's waiting clock to carry into
 * the next round's {@link ClusterState}. Every offer of the round appears exactly once, in a
 * launch, a decline or the held list.
 */
public record Plan(List<AgentLaunch> launches, List<Decline> declines, List<String> heldOfferIds,
                   RoleAction roleAction, long gangWaitingSinceMillis) {
    public Plan {
        launches = List.copyOf(launches);
        declines = List.copyOf(declines);
        heldOfferIds = List.copyOf(heldOfferIds);
    }

    /** Executors launched by this plan, over all agents. */
    public int executorCount() {
        int count = 0;
        for (AgentLaunch launch : launches) {
            count += launch.executors().size();
        }
        return count;
    }
}
