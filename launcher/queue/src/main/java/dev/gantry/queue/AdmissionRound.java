package dev.gantry.queue;

import static dev.gantry.queue.GangFit.GPUS;

import dev.gantry.placement.AgentConstraint;
import dev.gantry.placement.ExecutorShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One decision, shared by all policies: gang admission in the policy's order, with preemption and
 * backfilling by reservation. The rules:
 *
 * <ol>
 * <li>A team whose running jobs hold more GPUs than its cap has its resumable jobs preempted, in
 *     the policy's victim order, until it is within the cap. No job starts that would take its team
 *     past the cap.</li>
 * <li>Waiting jobs are considered in the policy's order. A job starts if all its workers fit at once
 *     on what is free (placement's Placer decides where); a job the empty cluster cannot hold waits
 *     as never fitting and blocks nobody.</li>
 * <li>The first job that does not fit may claim what stopping jobs are about to free and, if the
 *     policy allows, preempt running jobs that rank below it (resumable ones that have run their
 *     minimum): the fewest, worst-ranked first, that make its gang fit. It then waits for them to
 *     stop, and what it needs of the free resources is set aside for it. The next job that does not
 *     fit is considered the same way.</li>
 * <li>The first job that cannot be made to fit so becomes the head. Agents are kept for it: those
 *     with the most free GPUs first, as few as hold its gang once they are empty (for a head the
 *     policy calls starved, in a fixed order instead, so that the same agents are kept at every
 *     decision). Jobs after it are backfilled: they start only if they fit on the other agents, so
 *     no backfilled job takes a resource the head's gang will need. This needs no runtime
 *     estimates, which deep-learning jobs do not have (Tiresias); the price is that kept agents may
 *     idle until they drain.</li>
 * </ol>
 *
 * No resource is promised twice: starts take only what is free, and what a preemption frees is
 * promised to the job it was made for, not started on in the same decision.
 */
final class AdmissionRound {
    private static final int AGENTS_NAMED = 3;

    private final QueueState state;
    private final Ordering ordering;
    private final GangFit fit;
    private final Map<String, TeamShare> teams;
    private final Map<String, Integer> agentIndex = new HashMap<>();
    private final double[][] totals;
    private final double[][] free;
    /** Resources of stopping and preempted jobs not yet promised to a waiting job. */
    private final double[][] pending;
    private final List<Set<String>> stoppingOn;
    private final Map<String, Integer> teamGpus;
    private final Set<String> preempted = new HashSet<>();
    private final Map<ShapeKey, Integer> noRoomAll = new HashMap<>();
    private Map<ShapeKey, Integer> noRoomAllowed = noRoomAll;
    private final Map<ShapeKey, Integer> totalCapacity = new HashMap<>();
    private final Map<NeverKey, String> never = new HashMap<>();
    private final Map<String, String> capDetails = new HashMap<>();
    private final Map<NeverKey, String> noRoomDetails = new HashMap<>();

    private final List<JobStart> starts = new ArrayList<>();
    private final List<Preemption> preemptions = new ArrayList<>();
    private final List<WaitingJob> waiting = new ArrayList<>();

    private record ShapeKey(ExecutorShape shape, List<AgentConstraint> constraints) {
        static ShapeKey of(QueuedJob job) {
            return new ShapeKey(job.worker(), job.constraints());
        }
    }

    /** A shape and a number of workers: what messages about a gang's size say. */
    private record NeverKey(ShapeKey shape, int workers) {}

    private AdmissionRound(QueueState state, Ordering ordering) {
        this.state = state;
        this.ordering = ordering;
        this.fit = new GangFit(state.agents(), state.nowMillis());
        this.teams = state.teamsByName();
        int n = state.agents().size();
        totals = new double[n][];
        free = new double[n][];
        pending = new double[n][3];
        stoppingOn = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            AgentResources agent = state.agents().get(i);
            agentIndex.put(agent.agentId(), i);
            totals[i] = GangFit.amounts(agent.total());
            free[i] = GangFit.amounts(agent.free());
            stoppingOn.add(new LinkedHashSet<>());
        }
        teamGpus = state.gpusByTeam();
        for (RunningJob job : state.running()) {
            if (job.stopping()) {
                release(job);
            }
        }
    }

    static QueueDecision decide(QueueState state, Ordering ordering) {
        return new AdmissionRound(state, ordering).run();
    }

    private QueueDecision run() {
        enforceCaps();
        List<QueuedJob> order = new ArrayList<>(state.waiting());
        order.sort(ordering.waitingOrder());
        Head head = null;
        boolean blocked = false;
        for (QueuedJob job : order) {
            TeamShare team = teams.get(job.team());
            int used = teamGpus.getOrDefault(team.team(), 0);
            if (team.capped() && used + job.gpus() > team.gpuCap()) {
                waiting.add(new WaitingJob(job, WaitReason.OVER_TEAM_CAP, capDetail(team, used)));
                continue;
            }
            ShapeKey key = ShapeKey.of(job);
            if (job.workers() > capacityOnTotals(key, job)) {
                String why = never.computeIfAbsent(new NeverKey(key, job.workers()), k -> fit.neverFits(job, totals)
                        .orElse("the empty cluster does not hold all its workers at once"));
                waiting.add(new WaitingJob(job, WaitReason.NEVER_FITS, why));
                continue;
            }
            Optional<Map<String, Integer>> placed = tryPlace(job, key, head == null ? null : head.allowed,
                    noRoomAllowed);
            if (placed.isPresent()) {
                start(job, placed.get(), blocked);
                continue;
            }
            blocked = true;
            if (head == null) {
                if (claim(job)) {
                    continue;
                }
                head = keepAgentsFor(job);
                noRoomAllowed = new HashMap<>(noRoomAll);
                waiting.add(new WaitingJob(job, WaitReason.HEAD_WAITING_FOR_ROOM, head.detail));
            } else if (tryPlace(job, key, null, noRoomAll).isPresent()) {
                waiting.add(new WaitingJob(job, WaitReason.BEHIND_HEAD, head.behind));
            } else {
                waiting.add(new WaitingJob(job, WaitReason.GANG_DOES_NOT_FIT, noRoomDetails.computeIfAbsent(
                        new NeverKey(key, job.workers()), k -> "not all its " + job.workers() + " workers of "
                                + job.worker().amounts().describe() + " fit at once in what is free")));
            }
        }
        return new QueueDecision(starts, preemptions, waiting);
    }

    /** The most workers of the job's shape the empty cluster holds, among the agents meeting its constraints. */
    private int capacityOnTotals(ShapeKey key, QueuedJob job) {
        return totalCapacity.computeIfAbsent(key, k -> fit.capacity(job, totals, null));
    }

    /**
     * Places the job on the free resources of the allowed agents ({@code null}: all), remembering per
     * shape the fewest workers that did not fit: free resources only shrink during a round, and the
     * allowed agents only lose members, so what did not fit will not fit later in the round.
     */
    private Optional<Map<String, Integer>> tryPlace(QueuedJob job, ShapeKey key, boolean[] allowed,
                                                    Map<ShapeKey, Integer> noRoom) {
        Integer fewest = noRoom.get(key);
        if (fewest != null && job.workers() >= fewest) {
            return Optional.empty();
        }
        int capacity = fit.capacity(job, free, allowed);
        Optional<Map<String, Integer>> placed = capacity >= job.workers() ? fit.place(job, free, allowed)
                : Optional.empty();
        if (placed.isEmpty()) {
            int failing = capacity >= job.workers() ? job.workers() : capacity + 1;
            noRoom.merge(key, failing, Math::min);
        }
        return placed;
    }

    private void start(QueuedJob job, Map<String, Integer> placed, boolean backfilled) {
        placed.forEach((agentId, count) ->
                GangFit.subtract(free[agentIndex.get(agentId)], GangFit.times(job.worker(), count)));
        teamGpus.merge(job.team(), job.gpus(), Integer::sum);
        ordering.promised(job);
        starts.add(new JobStart(job, placed, backfilled));
    }

    /** Preempts resumable jobs of each team over its cap, worst first, until the team is within it. */
    private void enforceCaps() {
        List<TeamShare> byName = new ArrayList<>(state.teams());
        byName.sort(java.util.Comparator.comparing(TeamShare::team));
        for (TeamShare team : byName) {
            if (!team.capped()) {
                continue;
            }
            int holding = 0;
            List<RunningJob> candidates = new ArrayList<>();
            for (RunningJob job : state.running()) {
                if (job.job().team().equals(team.team()) && !job.stopping()) {
                    holding += job.job().gpus();
                    if (job.job().resumable()) {
                        candidates.add(job);
                    }
                }
            }
            candidates.sort(ordering.victimOrder());
            for (RunningJob job : candidates) {
                if (holding <= team.gpuCap()) {
                    break;
                }
                preempt(job, PreemptReason.OVER_TEAM_CAP, "", "team " + team.team() + " holds " + holding
                        + " GPUs, over its cap of " + team.gpuCap());
                holding -= job.job().gpus();
            }
        }
    }

    private void preempt(RunningJob job, PreemptReason reason, String forJobId, String detail) {
        preempted.add(job.id());
        preemptions.add(new Preemption(job, reason, forJobId, detail));
        ordering.preempted(job);
        release(job);
    }

    /** Counts a stopping or preempted job's resources as pending: freed soon, promised to no one yet. */
    private void release(RunningJob job) {
        job.workersPerAgent().forEach((agentId, count) -> {
            int i = agentIndex.get(agentId);
            GangFit.add(pending[i], GangFit.times(job.job().worker(), count));
            stoppingOn.get(i).add(job.id());
        });
    }

    /**
     * Makes room for a job that does not fit: with what stopping jobs will free, and, where the
     * policy allows, by preempting the worst-ranked running jobs that make its gang fit. Promises
     * the job what it needs; returns false, changing nothing, when no room can be made.
     */
    private boolean claim(QueuedJob job) {
        double[][] room = new double[free.length][];
        for (int i = 0; i < free.length; i++) {
            room[i] = free[i].clone();
            GangFit.add(room[i], pending[i]);
        }
        List<RunningJob> victims = new ArrayList<>();
        if (fit.capacity(job, room, null) < job.workers() || fit.place(job, room, null).isEmpty()) {
            List<RunningJob> candidates = candidatesFor(job);
            boolean fits = false;
            for (RunningJob victim : candidates) {
                victims.add(victim);
                change(room, victim, +1);
                if (fit.capacity(job, room, null) >= job.workers() && fit.place(job, room, null).isPresent()) {
                    fits = true;
                    break;
                }
            }
            if (!fits) {
                return false;
            }
            // The last one was needed; of the others, keep only those still needed, best-ranked first.
            for (int v = victims.size() - 2; v >= 0; v--) {
                RunningJob victim = victims.get(v);
                change(room, victim, -1);
                if (fit.place(job, room, null).isPresent()) {
                    victims.remove(v);
                } else {
                    change(room, victim, +1);
                }
            }
        }
        Map<String, Integer> placed = fit.place(job, room, null).orElseThrow();
        Set<String> waitsFor = new LinkedHashSet<>();
        // Reasons first: a preemption changes what the policy thinks of the next one.
        List<PreemptReason> reasons = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (RunningJob victim : victims) {
            reasons.add(ordering.preemption(job, victim));
            details.add(ordering.explain(reasons.get(reasons.size() - 1), job, victim));
        }
        for (int v = 0; v < victims.size(); v++) {
            preempt(victims.get(v), reasons.get(v), job.id(), details.get(v));
        }
        placed.forEach((agentId, count) -> {
            int i = agentIndex.get(agentId);
            double[] use = GangFit.times(job.worker(), count);
            for (int r = 0; r < use.length; r++) {
                double fromPending = Math.min(use[r], pending[i][r]);
                pending[i][r] -= fromPending;
                free[i][r] = Math.max(0, free[i][r] - (use[r] - fromPending));
            }
            waitsFor.addAll(stoppingOn.get(i));
        });
        teamGpus.merge(job.team(), job.gpus(), Integer::sum);
        ordering.promised(job);
        waiting.add(new WaitingJob(job, WaitReason.WAITING_FOR_PREEMPTION, "waits for " + names(List.copyOf(waitsFor),
                "job") + " to checkpoint and stop; what it needs is kept for it"));
        return true;
    }

    private List<RunningJob> candidatesFor(QueuedJob job) {
        List<RunningJob> candidates = new ArrayList<>();
        long now = state.nowMillis();
        for (RunningJob running : state.running()) {
            if (!running.stopping() && running.job().resumable() && !preempted.contains(running.id())
                    && now - running.startedMillis() >= ordering.minimumRunMillis()
                    && ordering.preemption(job, running) != null) {
                candidates.add(running);
            }
        }
        candidates.sort(ordering.victimOrder());
        return candidates;
    }

    private void change(double[][] room, RunningJob job, int sign) {
        job.workersPerAgent().forEach((agentId, count) -> {
            double[] amounts = GangFit.times(job.job().worker(), count);
            double[] target = room[agentIndex.get(agentId)];
            for (int r = 0; r < amounts.length; r++) {
                target[r] += sign * amounts[r];
            }
        });
    }

    /**
     * Keeps agents for the head, as few as hold its gang once empty: those with the most free GPUs
     * first, or, for a starved head, in a fixed order (by agent id), so that the same agents stay
     * kept at every decision until it starts and nothing new lands on them meanwhile.
     */
    private Head keepAgentsFor(QueuedJob job) {
        boolean starved = ordering.starved(job);
        boolean[] meets = fit.meeting(job.constraints());
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < free.length; i++) {
            if (meets[i]) {
                candidates.add(i);
            }
        }
        candidates.sort((a, b) -> {
            if (!starved) {
                int byGpus = Double.compare(free[b][GPUS], free[a][GPUS]);
                if (byGpus != 0) {
                    return byGpus;
                }
                int byCpus = Double.compare(free[b][GangFit.CPUS], free[a][GangFit.CPUS]);
                if (byCpus != 0) {
                    return byCpus;
                }
            }
            return state.agents().get(a).agentId().compareTo(state.agents().get(b).agentId());
        });
        boolean[] kept = new boolean[free.length];
        int holds = 0;
        for (int i : candidates) {
            kept[i] = true;
            holds += GangFit.holds(job.worker(), totals[i]);
            if (holds >= job.workers() && fit.place(job, totals, kept).isPresent()) {
                break;
            }
        }
        boolean[] allowed = new boolean[free.length];
        List<String> keptIds = new ArrayList<>();
        for (int i = 0; i < free.length; i++) {
            allowed[i] = !kept[i];
            if (kept[i]) {
                keptIds.add(state.agents().get(i).agentId());
            }
        }
        int fitting = fit.capacity(job, free, null);
        String detail = Math.min(fitting, job.workers()) + " of its " + job.workers() + " workers of "
                + job.worker().amounts().describe() + " fit now; " + names(keptIds, "agent")
                + (keptIds.size() == 1 ? " is" : " are") + " kept for it"
                + (starved ? ", the same ones until it starts: it waited past the starvation limit" : "");
        String behind = "it fits only on agents kept for job " + job.id() + ", first in the order among the "
                + "jobs waiting for room";
        return new Head(allowed, detail, behind);
    }

    private record Head(boolean[] allowed, String detail, String behind) {}

    private String capDetail(TeamShare team, int used) {
        return capDetails.computeIfAbsent(team.team() + '/' + used, k -> "team " + team.team() + " holds " + used
                + " of its " + team.gpuCap() + "-GPU cap");
    }

    /** "agent a", "agents a, b, c and 2 more": sorted, so that the text does not depend on the state's order. */
    private static String names(List<String> unsorted, String noun) {
        List<String> ids = new ArrayList<>(unsorted);
        ids.sort(null);
        List<String> named = new ArrayList<>(ids.subList(0, Math.min(AGENTS_NAMED, ids.size())));
        String list = String.join(", ", named);
        if (ids.size() > AGENTS_NAMED) {
            list += " and " + (ids.size() - AGENTS_NAMED) + " more";
        }
        return (ids.size() == 1 ? noun + " " : noun + "s ") + list;
    }
}
