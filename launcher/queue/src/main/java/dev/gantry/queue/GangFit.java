package dev.gantry.queue;

import dev.gantry.placement.AgentConstraint;
import dev.gantry.placement.AgentLaunch;
import dev.gantry.placement.Amounts;
import dev.gantry.placement.Candidate;
import dev.gantry.placement.ClusterState;
import dev.gantry.placement.ConstraintShortfall;
import dev.gantry.placement.Demand;
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
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether a gang fits on given amounts per agent, and where, asked of placement's real {@link
 * Placer}: each agent becomes one offer of its amounts, and the job a {@link Demand} of its workers
 * with a {@link Gang}, so that the plan places all of them or none. Amounts are {@code double[agent][3]}
 * (cpus, memory in MB, GPUs) in the order of the state's agents.
 *
 * <p>Workers of one gang are identical, so the most of them any placement fits is the sum over the
 * agents of how many one agent holds; that count answers "does not fit" without a round of the
 * Placer, whose plan is asked only when the count says the gang fits.
 */
final class GangFit {
    static final int CPUS = 0;
    static final int MEM = 1;
    static final int GPUS = 2;
    private static final double EPSILON = 1e-6;

    private final Placer placer = new Placer();
    private final List<AgentResources> agents;
    private final long nowMillis;
    private final Map<List<AgentConstraint>, boolean[]> meetsByConstraints = new HashMap<>();

    GangFit(List<AgentResources> agents, long nowMillis) {
        this.agents = agents;
        this.nowMillis = nowMillis;
    }

    static double[] amounts(Amounts a) {
        return new double[] {a.cpus(), a.memMb(), a.gpus()};
    }

    static double[] times(ExecutorShape shape, int count) {
        return new double[] {shape.cpus() * count, shape.memMb() * count, (double) shape.gpus() * count};
    }

    static void add(double[] target, double[] amounts) {
        for (int r = 0; r < amounts.length; r++) {
            target[r] += amounts[r];
        }
    }

    /** Takes {@code amounts} from {@code target}, never below zero (rounding). */
    static void subtract(double[] target, double[] amounts) {
        for (int r = 0; r < amounts.length; r++) {
            target[r] = Math.max(0, target[r] - amounts[r]);
        }
    }

    /** Which agents meet {@code constraints}, by agent index. */
    boolean[] meeting(List<AgentConstraint> constraints) {
        return meetsByConstraints.computeIfAbsent(constraints, cs -> {
            boolean[] meets = new boolean[agents.size()];
            for (int i = 0; i < meets.length; i++) {
                meets[i] = cs.isEmpty() || ConstraintShortfall.failures(cs, candidate(i)).isEmpty();
            }
            return meets;
        });
    }

    private Candidate candidate(int i) {
        AgentResources agent = agents.get(i);
        return Candidate.of(agent.agentId(), agent.hostname(), agent.attributes(), agent.free(), 0);
    }

    /** How many workers of {@code shape} one agent holds in {@code amounts}. */
    static int holds(ExecutorShape shape, double[] amounts) {
        double count = Math.min((amounts[CPUS] + EPSILON) / shape.cpus(), (amounts[MEM] + EPSILON) / shape.memMb());
        if (shape.gpus() > 0) {
            count = Math.min(count, Math.floor(amounts[GPUS] + EPSILON) / shape.gpus());
        }
        return count <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.floor(count));
    }

    /** How many of the job's workers the agents allowed and meeting its constraints hold at most. */
    int capacity(QueuedJob job, double[][] amounts, boolean[] allowed) {
        boolean[] meets = meeting(job.constraints());
        long total = 0;
        for (int i = 0; i < amounts.length; i++) {
            if (meets[i] && (allowed == null || allowed[i])) {
                total += holds(job.worker(), amounts[i]);
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    /**
     * Where the Placer puts all the job's workers on {@code amounts} of the allowed agents ({@code null}:
     * all), by agent id; empty if they do not all fit at once.
     */
    Optional<Map<String, Integer>> place(QueuedJob job, double[][] amounts, boolean[] allowed) {
        if (capacity(job, amounts, allowed) < job.workers()) {
            return Optional.empty();
        }
        List<OfferView> offers = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            if ((allowed == null || allowed[i]) && holds(job.worker(), amounts[i]) > 0) {
                AgentResources agent = agents.get(i);
                Amounts free = new Amounts(Math.max(0, amounts[i][CPUS]), Math.max(0, amounts[i][MEM]),
                        (int) Math.floor(amounts[i][GPUS] + EPSILON));
                offers.add(new OfferView(agent.agentId(), agent.agentId(), agent.hostname(),
                        OfferedResources.UNRESERVED, List.of(OfferedResources.unreserved(free)), agent.attributes()));
            }
        }
        Demand demand = Demand.of(job.worker(), job.workers()).withConstraints(job.constraints())
                .withGang(new Gang(0));
        Plan plan = placer.plan(offers, demand, ClusterState.empty(nowMillis));
        if (plan.executorCount() != job.workers()) {
            return Optional.empty();
        }
        Map<String, Integer> placed = new TreeMap<>();
        for (AgentLaunch launch : plan.launches()) {
            placed.merge(launch.agentId(), launch.executors().size(), Integer::sum);
        }
        return Optional.of(placed);
    }

    /**
     * Why the job never fits, not even on the empty cluster; empty when it does fit there. The
     * constraints are named when no agent meets them all.
     */
    Optional<String> neverFits(QueuedJob job, double[][] totals) {
        if (place(job, totals, null).isPresent()) {
            return Optional.empty();
        }
        List<Candidate> all = new ArrayList<>(agents.size());
        for (int i = 0; i < agents.size(); i++) {
            all.add(candidate(i));
        }
        all.sort(java.util.Comparator.comparing(Candidate::agentId));
        Optional<ConstraintShortfall> shortfall = ConstraintShortfall.of(job.constraints(), all);
        if (shortfall.isPresent()) {
            return Optional.of(shortfall.get().describe("agent of the cluster"));
        }
        int most = capacity(job, totals, null);
        return Optional.of("the empty cluster holds " + most + " of its " + job.workers() + " workers of "
                + job.worker().amounts().describe() + " at once");
    }
}
