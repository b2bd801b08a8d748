package dev.gantry.benchmarks.placement;

import dev.gantry.placement.AgentConstraint;
import dev.gantry.placement.AgentLaunch;
import dev.gantry.placement.Amounts;
import dev.gantry.placement.AttributeConstraint;
import dev.gantry.placement.ClusterState;
import dev.gantry.placement.Demand;
import dev.gantry.placement.ExecutorAllocation;
import dev.gantry.placement.ExecutorShape;
import dev.gantry.placement.Gang;
import dev.gantry.placement.OfferView;
import dev.gantry.placement.OfferedResources;
import dev.gantry.placement.Placer;
import dev.gantry.placement.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gantry's {@link Placer} with the demand a job brings: its executor shape and count, its
 * constraints, a {@link Gang} for distributed training, and the default policy (binpack for
 * GPU executors, spread for CPU-only ones, GPU agents for CPU work only when nothing else fits).
 */
public final class GantrySimPlacer implements SimulatedPlacer {
    // Long enough that a gang that does not fit holds its offers instead of declining them;
    // either way it launches nothing in the round, which is all the simulation looks at.
    static final long GANG_TIMEOUT_MILLIS = 60_000;

    private final Placer placer = new Placer();
    private final Map<String, Integer> agentIndexById = new HashMap<>();
    private final OfferCache<OfferView> cache = new OfferCache<>(this::convert);
    private long offerSequence;

    @Override
    public String name() {
        return "Gantry";
    }

    public static Demand demandOf(Job job) {
        Resources executor = job.executor();
        List<AgentConstraint> constraints = new ArrayList<>();
        new TreeMap<>(job.constraints()).forEach((name, value) -> constraints.add(AttributeConstraint.oneOf(name, value)));
        Demand demand = Demand.of(new ExecutorShape(executor.cpus(), executor.memMb(), executor.gpus()),
                job.executors()).withConstraints(constraints);
        return job.gang() ? demand.withGang(new Gang(GANG_TIMEOUT_MILLIS)) : demand;
    }

    @Override
    public RoundOutcome place(Job job, List<AgentOffer> offers) {
        List<OfferView> input = new ArrayList<>(offers.size());
        for (AgentOffer offer : offers) {
            input.add(cache.get(offer));
        }
        Demand demand = demandOf(job);
        ClusterState state = ClusterState.empty(0);
        long start = System.nanoTime();
        Plan plan = placer.plan(input, demand, state);
        long nanos = System.nanoTime() - start;
        List<ExecutorGrant> grants = new ArrayList<>(plan.executorCount());
        for (AgentLaunch launch : plan.launches()) {
            int agentIndex = agentIndexById.get(launch.agentId());
            for (ExecutorAllocation executor : launch.executors()) {
                Amounts total = executor.total();
                grants.add(new ExecutorGrant(agentIndex, new Resources(total.cpus(), total.memMb(), total.gpus()),
                        job.executor()));
            }
        }
        return new RoundOutcome(grants, nanos);
    }

    private OfferView convert(AgentOffer offer) {
        agentIndexById.put(offer.agent().id(), offer.agentIndex());
        return offerView(offer, offer.agent().id() + "-O" + offerSequence++);
    }

    /** {@code offer} as Gantry's placer sees it: one unreserved part in role {@code *}. */
    static OfferView offerView(AgentOffer offer, String offerId) {
        Agent agent = offer.agent();
        Resources free = offer.free();
        return new OfferView(offerId, agent.id(), agent.hostname(), OfferedResources.UNRESERVED,
                List.of(OfferedResources.unreserved(new Amounts(free.cpus(), free.memMb(), free.gpus()))),
                agent.attributes());
    }
}
