package dev.gantry.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Decides one placement round for one job. Pure and deterministic: the same offers, demand and
 * state always give the same plan, and nothing is read from outside the arguments.
 *
 * <p>A round: work out how many executors the job still needs within its target and caps; set
 * aside agents that are failing, fail the constraints (saying which constraint no agent met, when
 * none met them all), or (for CPU-only work) offer GPUs; then
 * place executors one by one on the candidate the policy likes best, keeping candidates in a
 * priority queue so a round costs O((agents + executors) log agents).
 */
public final class Placer {

    public Plan plan(List<OfferView> offers, Demand demand, ClusterState state) {
        List<AgentCapacity> agents = group(offers, demand.useRevocable(), state);
        ExecutorShape shape = demand.shape();
        DeclineDurations durations = demand.declines();
        List<Decline> declines = new ArrayList<>();
        int need = executorsNeeded(demand, state);
        if (need == 0) {
            for (AgentCapacity agent : agents) {
                declineAll(agent, DeclineReason.DEMAND_SATISFIED, durations, declines);
            }
            return new Plan(List.of(), declines, List.of(), state.suppressed() ? RoleAction.NONE : RoleAction.SUPPRESS,
                    -1, Optional.empty());
        }
        RoleAction roleAction = state.suppressed() ? RoleAction.REVIVE : RoleAction.NONE;

        List<AgentCapacity> preferred = new ArrayList<>();
        List<AgentCapacity> gpuAgents = new ArrayList<>();
        List<ConstraintShortfall.AgentFailures> unmet = new ArrayList<>();
        for (AgentCapacity agent : agents) {
            if (state.failing(agent.agentId)) {
                declineAll(agent, DeclineReason.AGENT_FAILING, durations, declines);
                continue;
            }
            List<ConstraintResult> failed = ConstraintShortfall.failures(demand.constraints(), agent);
            if (!failed.isEmpty()) {
                unmet.add(new ConstraintShortfall.AgentFailures(agent.agentId, agent.hostname, failed));
                declineAll(agent, DeclineReason.UNMET_CONSTRAINTS, durations, declines);
            } else if (!shape.usesGpus() && agent.offersGpus() && demand.gpuAgentUse() != GpuAgentUse.ALWAYS) {
                gpuAgents.add(agent);
            } else {
                preferred.add(agent);
            }
        }

        // Said only when no agent judged met them all: then the constraints, not the room, keep the job waiting.
        Optional<ConstraintShortfall> shortfall = !unmet.isEmpty() && preferred.isEmpty() && gpuAgents.isEmpty()
                ? Optional.of(ConstraintShortfall.from(demand.constraints(), unmet)) : Optional.empty();

        PlacementPolicy policy = demand.effectivePolicy();
        int placed = fill(preferred, need, shape, policy);
        List<AgentCapacity> used = new ArrayList<>(preferred);
        if (demand.gpuAgentUse() == GpuAgentUse.WHEN_NOTHING_ELSE_FITS) {
            placed += fill(gpuAgents, need - placed, shape, new MostRoomPerFreeGpuFirst(policy));
            used.addAll(gpuAgents);
        } else {
            for (AgentCapacity agent : gpuAgents) {
                declineAll(agent, DeclineReason.GPU_AGENT_KEPT_FOR_GPU_WORK, durations, declines);
            }
        }

        long gangWaitingSince = -1;
        List<String> held = new ArrayList<>();
        if (demand.gang() != null && placed < need) {
            for (AgentCapacity agent : used) {
                agent.reset(shape);
            }
            long since = state.gangWaitingSinceMillis() < 0 ? state.nowMillis() : state.gangWaitingSinceMillis();
            boolean timedOut = state.nowMillis() - since >= demand.gang().timeoutMillis();
            for (AgentCapacity agent : used) {
                if (timedOut) {
                    declineAll(agent, DeclineReason.GANG_TIMED_OUT, durations, declines);
                } else {
                    held.addAll(agent.offerIds);
                }
            }
            gangWaitingSince = timedOut ? -1 : since;
            return new Plan(List.of(), sorted(declines), held, roleAction, gangWaitingSince, shortfall);
        }

        DeclineReason unused = placed == need ? DeclineReason.DEMAND_SATISFIED : DeclineReason.NOTHING_FITS;
        List<AgentLaunch> launches = new ArrayList<>();
        for (AgentCapacity agent : used) {
            if (agent.placed.isEmpty()) {
                // CPU-only work took nothing here: the agent was only a fallback, kept for GPU work.
                boolean keptForGpus = placed == need && !shape.usesGpus() && agent.offersGpus()
                        && demand.gpuAgentUse() == GpuAgentUse.WHEN_NOTHING_ELSE_FITS;
                declineAll(agent, keptForGpus ? DeclineReason.GPU_AGENT_KEPT_FOR_GPU_WORK : unused, durations,
                        declines);
            } else {
                launches.add(new AgentLaunch(agent.agentId, agent.role, agent.offerIds, agent.placed,
                        durations.seconds(unused)));
            }
        }
        return new Plan(launches, sorted(declines), held, roleAction, gangWaitingSince, shortfall);
    }

    /** How many more executors the job may have: its target, then its cores and GPU caps. */
    static int executorsNeeded(Demand demand, ClusterState state) {
        ExecutorShape shape = demand.shape();
        long need = (long) demand.targetExecutors() - state.executors();
        if (!Double.isInfinite(demand.coresMax())) {
            double cores = demand.coresMax() - state.held().cpus();
            need = Math.min(need, (long) Math.floor(cores / shape.cpus() + Amounts.EPSILON));
        }
        if (shape.usesGpus() && demand.gpusMax() != Integer.MAX_VALUE) {
            need = Math.min(need, (demand.gpusMax() - (long) state.held().gpus()) / shape.gpus());
        }
        return (int) Math.max(0, need);
    }

    /** Places up to {@code wanted} executors on {@code agents}; returns how many it placed. */
    private static int fill(List<AgentCapacity> agents, int wanted, ExecutorShape shape, PlacementPolicy policy) {
        if (wanted <= 0 || agents.isEmpty()) {
            return 0;
        }
        Comparator<Candidate> order = policy.preference(shape)
                .thenComparing(Candidate::agentId)
                .thenComparing(c -> ((AgentCapacity) c).role);
        PriorityQueue<AgentCapacity> queue = new PriorityQueue<>(Math.max(1, agents.size()), order);
        for (AgentCapacity agent : agents) {
            if (agent.fits(shape)) {
                queue.add(agent);
            }
        }
        int placed = 0;
        while (placed < wanted && !queue.isEmpty()) {
            AgentCapacity best = queue.poll();
            best.place(shape);
            placed++;
            if (best.fits(shape)) {
                queue.add(best);
            }
        }
        return placed;
    }

    /** Groups offers by agent and role, in a fixed order, so that the plan never depends on input order. */
    private static List<AgentCapacity> group(List<OfferView> offers, boolean useRevocable, ClusterState state) {
        TreeMap<String, List<OfferView>> byAgentAndRole = new TreeMap<>();
        for (OfferView offer : offers) {
            byAgentAndRole.computeIfAbsent(offer.agentId() + '\u0000' + offer.role(), k -> new ArrayList<>()).add(offer);
        }
        List<AgentCapacity> agents = new ArrayList<>(byAgentAndRole.size());
        for (List<OfferView> group : byAgentAndRole.values()) {
            group.sort(Comparator.comparing(OfferView::offerId));
            agents.add(new AgentCapacity(group, useRevocable, state.executorsOn(group.get(0).agentId())));
        }
        return agents;
    }

    private static void declineAll(AgentCapacity agent, DeclineReason reason, DeclineDurations durations,
                                   List<Decline> declines) {
        for (String offerId : agent.offerIds) {
            declines.add(new Decline(offerId, durations.seconds(reason), reason));
        }
    }

    private static List<Decline> sorted(List<Decline> declines) {
        declines.sort(Comparator.comparing(Decline::offerId));
        return declines;
    }
}
