package dev.gantry.placement;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Placement's answer for one round: launches per agent, declines with their durations, offers
 * held back for a gang, what to do about the roles, and the gang's waiting clock to carry into
 * the next round's {@link ClusterState}. Every offer of the round appears exactly once, in a
 * launch, a decline or the held list.
 *
 * @param constraintShortfall present when the round judged agents against the job's constraints
 *                            and none met them all: which constraint no agent met, and why each
 *                            agent failed
 */
public record Plan(List<AgentLaunch> launches, List<Decline> declines, List<String> heldOfferIds,
                   RoleAction roleAction, long gangWaitingSinceMillis,
                   Optional<ConstraintShortfall> constraintShortfall) {
    public Plan {
        launches = List.copyOf(launches);
        declines = List.copyOf(declines);
        heldOfferIds = List.copyOf(heldOfferIds);
        Objects.requireNonNull(constraintShortfall, "constraintShortfall");
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
