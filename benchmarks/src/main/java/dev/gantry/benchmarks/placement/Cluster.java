package dev.gantry.benchmarks.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cluster's agents and what is free on each, with one outstanding offer per agent holding
 * all of it. Placements are applied between rounds; applying one that does not fit fails,
 * so a placer that over-commits an agent cannot go unnoticed.
 */
public final class Cluster {
    // Mesos offers nothing smaller than its minimum allocatable resources (0.01 cpus or 32 MB).
    private static final double MIN_OFFERED_CPUS = 0.01;
    private static final double MIN_OFFERED_MEM_MB = 32;

    private final List<Agent> agents;
    private final Resources[] free;
    private final AgentOffer[] offers;

    public Cluster(List<Agent> agents, List<Resources> free) {
        if (agents.size() != free.size()) {
            throw new IllegalArgumentException(agents.size() + " agents but " + free.size() + " free amounts");
        }
        this.agents = List.copyOf(agents);
        this.free = free.toArray(new Resources[0]);
        this.offers = new AgentOffer[agents.size()];
        for (int i = 0; i < this.free.length; i++) {
            if (!this.agents.get(i).capacity().holds(this.free[i]) || !this.free[i].nonNegative()) {
                throw new IllegalArgumentException("agent " + agents.get(i).id() + " cannot have " + this.free[i]
                        + " free");
            }
            offers[i] = offerOf(i);
        }
    }

    /** An independent copy, so that each placer works on the same starting cluster. */
    public Cluster copy() {
        return new Cluster(agents, Arrays.asList(free));
    }

    public List<Agent> agents() {
        return agents;
    }

    public int size() {
        return agents.size();
    }

    public Resources free(int agentIndex) {
        return free[agentIndex];
    }

    public List<Resources> freeResources() {
        return List.of(free);
    }

    /** The outstanding offers, in agent order: one per agent with anything Mesos would offer. */
    public List<AgentOffer> offers() {
        List<AgentOffer> outstanding = new ArrayList<>(offers.length);
        for (AgentOffer offer : offers) {
            if (offer != null) {
                outstanding.add(offer);
            }
        }
        return outstanding;
    }

    /**
     * Takes the granted resources from their agents and re-offers what is left.
     *
     * @throws IllegalStateException if the grants need more than an agent has free; nothing is applied then
     */
    public void apply(List<ExecutorGrant> grants) {
        Resources[] after = free.clone();
        for (ExecutorGrant grant : grants) {
            int i = grant.agentIndex();
            after[i] = after[i].minus(grant.granted());
            if (!after[i].nonNegative()) {
                throw new IllegalStateException("over-commit on agent " + agents.get(i).id() + ": " + free[i]
                        + " free, executors granted take it to " + after[i]);
            }
        }
        for (ExecutorGrant grant : grants) {
            int i = grant.agentIndex();
            if (free[i] != after[i]) {
                free[i] = after[i];
                offers[i] = offerOf(i);
            }
        }
    }

    private AgentOffer offerOf(int i) {
        Resources left = free[i];
        if (left.cpus() < MIN_OFFERED_CPUS && left.memMb() < MIN_OFFERED_MEM_MB) {
            return null;
        }
        return new AgentOffer(i, agents.get(i), left);
    }
}
