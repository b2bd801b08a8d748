package dev.gantry.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GPU-time fairness between teams, least attained service within them: Tiresias' discretized
 * two-dimensional LAS (Gu et al., NSDI 2019) under weighted team shares. It needs no runtime
 * estimates: short jobs pass long ones because a job's priority falls as it attains GPU service.
 *
 * <ul>
 * <li><b>Shares.</b> Each round, the cluster's GPUs are divided between the teams with jobs by
 *     weighted max-min fairness over what their jobs ask, within their caps ({@link
 *     #entitlements}). A team's waiting jobs, in its own order (priority, LAS queue, longest
 *     waiting), are within its share while what the team holds, the jobs before them and half of
 *     their own GPUs are within its entitlement: gangs round to the nearest.</li>
 * <li><b>Order.</b> Priority first; then jobs that waited past the starvation limit, longest waiting
 *     first; then jobs within their team's share before those over it; then by LAS queue (attained
 *     GPU-seconds against the queue limits: queue 0 below the first limit, and so on); then the team
 *     holding the fewest GPUs per unit of weight; then the longest waiting.</li>
 * <li><b>Preemption</b> of resumable jobs that ran at least the minimum run: for a job of higher
 *     priority; for a starved job; within a team, of a job in a lower LAS queue than the waiting one
 *     (Tiresias); across teams, of a job of a team over its share for a job of a team below its
 *     share, and only while the team preempted is left no further below its share than the other
 *     would be above (GPUs held over share), so that it could not preempt back. Jobs in the same
 *     queue of one team never preempt each other. Over-share jobs run on what no one within a share
 *     wants (the policy is work-conserving), and give it back when such a job comes.</li>
 * <li><b>Starvation.</b> A job that waited past the limit comes first (longest waiting first) and
 *     may preempt any job of its priority; when it does not fit even so, it keeps agents in a fixed
 *     order, the same at every decision, on which nothing else starts until it does. Every job of
 *     the highest priority that the cluster and its team's cap can hold therefore starts within the
 *     limit plus, for each starved job before it, the minimum run and the longest run of a job that
 *     cannot resume (and two decisions).</li>
 * </ul>
 */
public final class FairShare implements QueuePolicy {
    public static final String NAME = "fair-share";

    /**
     * @param queueLimitsGpuSeconds ascending attained GPU-seconds at which a job moves down a LAS
     *                              queue; n limits make n + 1 queues
     * @param starvationLimitMillis waiting this long moves a job ahead of all but higher priorities
     * @param minimumRunMillis      how long a job runs before it may be preempted (but for its cap)
     */
    public record Config(List<Double> queueLimitsGpuSeconds, long starvationLimitMillis, long minimumRunMillis) {
        /**
         * Three queues split at 1 and 10 GPU-hours (Tiresias found two to three queues enough), a
         * day's starvation limit and ten minutes' minimum run.
         */
        public static final Config DEFAULT = new Config(List.of(3_600.0, 36_000.0), 24 * 3_600_000L, 10 * 60_000L);

        public Config {
            queueLimitsGpuSeconds = List.copyOf(queueLimitsGpuSeconds);
            double previous = 0;
            for (double limit : queueLimitsGpuSeconds) {
                if (!(limit > previous) || Double.isInfinite(limit)) {
                    throw new IllegalArgumentException("queue limits must be positive and ascending: "
                            + queueLimitsGpuSeconds);
                }
                previous = limit;
            }
            if (starvationLimitMillis <= 0 || minimumRunMillis < 0) {
                throw new IllegalArgumentException("the starvation limit must be positive and the minimum run "
                        + "not negative");
            }
        }
    }

    private final Config config;

    public FairShare() {
        this(Config.DEFAULT);
    }

    public FairShare(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The LAS queue of a job that attained {@code gpuSeconds}: 0 below the first limit, and so on. */
    public int queueOf(double gpuSeconds) {
        int queue = 0;
        while (queue < config.queueLimitsGpuSeconds().size() && gpuSeconds >= config.queueLimitsGpuSeconds().get(queue)) {
            queue++;
        }
        return queue;
    }

    /**
     * Each team's share of the cluster's GPUs now: weighted max-min fairness (water-filling) over
     * what each team's running and waiting jobs ask, no team above its cap or its ask. Teams asking
     * for nothing get nothing, and their weight goes to the others.
     */
    public static Map<String, Double> entitlements(QueueState state) {
        Map<String, Double> asks = new HashMap<>();
        state.waiting().forEach(j -> asks.merge(j.team(), (double) j.gpus(), Double::sum));
        state.running().forEach(j -> asks.merge(j.job().team(), (double) j.job().gpus(), Double::sum));
        Map<String, Double> shares = new HashMap<>();
        List<TeamShare> open = new ArrayList<>();
        // By name, so that sums of doubles come out the same whatever the state's order.
        List<TeamShare> teams = new ArrayList<>(state.teams());
        teams.sort(Comparator.comparing(TeamShare::team));
        for (TeamShare team : teams) {
            double ask = Math.min(asks.getOrDefault(team.team(), 0.0), team.gpuCap());
            asks.put(team.team(), ask);
            shares.put(team.team(), 0.0);
            if (ask > 0) {
                open.add(team);
            }
        }
        double left = state.totalGpus();
        while (!open.isEmpty() && left > 1e-9) {
            double weights = open.stream().mapToDouble(TeamShare::weight).sum();
            double perWeight = left / weights;
            List<TeamShare> satisfied = new ArrayList<>();
            for (TeamShare team : open) {
                if (asks.get(team.team()) - shares.get(team.team()) <= perWeight * team.weight() + 1e-9) {
                    satisfied.add(team);
                }
            }
            if (satisfied.isEmpty()) {
                for (TeamShare team : open) {
                    shares.merge(team.team(), perWeight * team.weight(), Double::sum);
                }
                break;
            }
            for (TeamShare team : satisfied) {
                left -= asks.get(team.team()) - shares.get(team.team());
                shares.put(team.team(), asks.get(team.team()));
            }
            open.removeAll(satisfied);
        }
        return shares;
    }

    @Override
    public QueueDecision decide(QueueState state) {
        return AdmissionRound.decide(state, new Round(state));
    }

    /** A waiting job's standing in a round. */
    private record Standing(int queue, boolean withinShare, boolean starving) {}

    /** The ordering of one round: shares and standings from the state, GPUs held updated as the round goes. */
    private final class Round implements Ordering {
        private final long now;
        private final Map<String, Double> shares;
        private final Map<String, Double> weights = new HashMap<>();
        /** GPUs each team holds, counting jobs started or promised and less jobs preempted in this round. */
        private final Map<String, Integer> held;
        private final Map<String, Standing> standings = new HashMap<>();
        private final Map<String, Integer> runningQueues = new HashMap<>();

        Round(QueueState state) {
            this.now = state.nowMillis();
            this.shares = entitlements(state);
            this.held = state.gpusByTeam();
            state.teams().forEach(t -> weights.put(t.team(), t.weight()));
            for (RunningJob job : state.running()) {
                runningQueues.put(job.id(), queueOf(job.attainedGpuSeconds(now)));
            }
            // Each team's waiting jobs in its own order (priority, LAS queue, longest waiting): those
            // that would take the team, with the jobs before them, to at most half a job past its
            // share are within it.
            Map<String, List<QueuedJob>> byTeam = new HashMap<>();
            for (QueuedJob job : state.waiting()) {
                byTeam.computeIfAbsent(job.team(), t -> new ArrayList<>()).add(job);
            }
            Comparator<QueuedJob> teamOrder = Comparator.comparingInt((QueuedJob j) -> -j.priority())
                    .thenComparingInt(j -> queueOf(j.attainedGpuSeconds()))
                    .thenComparingLong(QueuedJob::queuedSinceMillis)
                    .thenComparing(QueuedJob::id);
            byTeam.forEach((team, jobs) -> {
                jobs.sort(teamOrder);
                double before = held.getOrDefault(team, 0);
                double share = shares.get(team);
                for (QueuedJob job : jobs) {
                    boolean starving = now - job.queuedSinceMillis() >= config.starvationLimitMillis();
                    // Rounded to the nearest gang: within the share if at least half of it is.
                    standings.put(job.id(), new Standing(queueOf(job.attainedGpuSeconds()),
                            before + job.gpus() / 2.0 <= share + 1e-9, starving));
                    before += job.gpus();
                }
            });
        }

        private Standing standing(String id) {
            return standings.get(id);
        }

        private double usage(String team) {
            return held.getOrDefault(team, 0) / weights.get(team);
        }

        @Override
        public Comparator<QueuedJob> waitingOrder() {
            return Comparator.comparingInt((QueuedJob j) -> -j.priority())
                    .thenComparing(j -> !standing(j.id()).starving())
                    .thenComparingLong(j -> standing(j.id()).starving() ? j.queuedSinceMillis() : 0)
                    .thenComparing(j -> !standing(j.id()).withinShare())
                    .thenComparingInt(j -> standing(j.id()).queue())
                    .thenComparingDouble(j -> usage(j.team()))
                    .thenComparingLong(QueuedJob::queuedSinceMillis)
                    .thenComparing(QueuedJob::id);
        }

        @Override
        public Comparator<RunningJob> victimOrder() {
            return Comparator.comparingInt((RunningJob j) -> j.job().priority())
                    .thenComparingDouble(j -> -overShare(j.job().team()))
                    .thenComparingInt(j -> -runningQueues.get(j.id()))
                    .thenComparingLong(j -> -j.startedMillis())
                    .thenComparing(RunningJob::id);
        }

        /** How far a team is over its share, as GPUs held over its share (infinite for a team without share). */
        private double overShare(String team) {
            double share = shares.getOrDefault(team, 0.0);
            return share <= 0 ? Double.POSITIVE_INFINITY : held.getOrDefault(team, 0) / share;
        }

        @Override
        public PreemptReason preemption(QueuedJob waiting, RunningJob running) {
            if (running.job().priority() != waiting.priority()) {
                return running.job().priority() < waiting.priority() ? PreemptReason.LOWER_PRIORITY : null;
            }
            if (standing(waiting.id()).starving()) {
                return PreemptReason.STARVATION;
            }
            String team = waiting.team();
            String other = running.job().team();
            if (team.equals(other)) {
                return standing(waiting.id()).queue() < runningQueues.get(running.id())
                        ? PreemptReason.LESS_ATTAINED_SERVICE : null;
            }
            // Across teams only from a team over its share to one below it, and never so far that the
            // team preempted ends up below the other: the other could not preempt back.
            double shareOfTeam = shares.get(team);
            double shareOfOther = shares.getOrDefault(other, 0.0);
            int heldByTeam = held.getOrDefault(team, 0);
            int heldByOther = held.getOrDefault(other, 0);
            boolean fair = shareOfTeam > 0 && heldByTeam < shareOfTeam && heldByOther > shareOfOther
                    && (shareOfOther <= 0 || (heldByOther - running.job().gpus()) / shareOfOther
                    >= (heldByTeam + waiting.gpus()) / shareOfTeam);
            return fair ? PreemptReason.OVER_SHARE : null;
        }

        @Override
        public String explain(PreemptReason reason, QueuedJob waiting, RunningJob running) {
            String team = running.job().team();
            switch (reason) {
                case LOWER_PRIORITY:
                    return "job " + waiting.id() + " has priority " + waiting.priority() + ", above "
                            + running.job().priority();
                case STARVATION:
                    return String.format(Locale.ROOT, "job %s has waited %.1f h, past the %.1f h starvation limit",
                            waiting.id(), (now - waiting.queuedSinceMillis()) / 3.6e6,
                            config.starvationLimitMillis() / 3.6e6);
                case OVER_SHARE:
                    return String.format(Locale.ROOT, "team %s holds %d GPUs, over its share of %.1f, while job %s "
                                    + "of team %s (holding %d of its share of %.1f) waits", team,
                            held.getOrDefault(team, 0), shares.get(team), waiting.id(), waiting.team(),
                            held.getOrDefault(waiting.team(), 0), shares.get(waiting.team()));
                case LESS_ATTAINED_SERVICE:
                    return String.format(Locale.ROOT, "job %s of the same team has attained %.2f GPU-hours (queue "
                                    + "%d), this job %.2f (queue %d)", waiting.id(), waiting.attainedGpuSeconds() / 3600,
                            standing(waiting.id()).queue(), running.attainedGpuSeconds(now) / 3600,
                            runningQueues.get(running.id()));
                default:
                    throw new IllegalArgumentException("fair share does not preempt for " + reason);
            }
        }

        @Override
        public long minimumRunMillis() {
            return config.minimumRunMillis();
        }

        @Override
        public boolean starved(QueuedJob head) {
            return standing(head.id()).starving();
        }

        @Override
        public void promised(QueuedJob job) {
            held.merge(job.team(), job.gpus(), Integer::sum);
        }

        @Override
        public void preempted(RunningJob job) {
            held.merge(job.job().team(), -job.job().gpus(), Integer::sum);
        }
    }
}
