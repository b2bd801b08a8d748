package dev.gantry.queue;

import static dev.gantry.queue.Fixtures.HOUR;
import static dev.gantry.queue.Fixtures.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Policies over runs of decisions ({@link QueueRun}): jobs arrive, start, are preempted and
 * finish, and every decision and every step between them is checked.
 */
class QueueRunProperties {
    private static final long TICK = 5 * MINUTE;
    private static final long MINIMUM_RUN = 10 * MINUTE;

    @Provide
    Arbitrary<QueuePolicy> policies() {
        return Arbitraries.of(new Fifo(), new FairShare(), QueuePolicyProperties.EAGER_FAIR_SHARE,
                new ShortestFirst(id -> 60.0 + Math.floorMod(id.hashCode(), 36_000), MINIMUM_RUN));
    }

    /**
     * Over a run with jobs arriving and finishing, no GPU (nor CPU, nor MB) is ever promised twice,
     * gangs start whole, caps hold, and only resumable jobs are preempted: {@link QueueRun} checks
     * each decision and the agents after it.
     */
    @Property(tries = 60)
    void runsKeepEveryRule(@ForAll long seed, @ForAll("policies") QueuePolicy policy) {
        Random random = new Random(seed);
        List<AgentResources> agents = agents(random, 2 + random.nextInt(4));
        List<TeamShare> teams = new ArrayList<>();
        for (int t = 0; t < 1 + random.nextInt(3); t++) {
            TeamShare team = TeamShare.of("team-" + t, 1 + random.nextInt(4));
            teams.add(random.nextInt(3) == 0 ? team.withCap(8 + random.nextInt(17)) : team);
        }
        List<QueueRun.Arrival> arrivals = arrivals(random, teams, 10 + random.nextInt(30), 12 * HOUR, 8 * HOUR, 0.7);
        new QueueRun(agents, teams, policy, TICK, MINIMUM_RUN).run(arrivals, 10 * 24 * HOUR, 0);
    }

    /**
     * No starvation under fair share: with jobs of one priority that the cluster holds, no caps,
     * starvation limit L, minimum run m, decisions at least every tick t, N jobs and D the longest
     * run of a job that cannot resume (0 if all can), every job starts within
     * L + (N + 1) (m + D + 3 t) of entering the queue, however long the resumable jobs run. (Each
     * starved job ahead of it, first in the order, keeps the same agents at every decision and
     * nothing new starts there: after m every job on them may be preempted for it but those that
     * cannot resume, which end within D; a tick later it has claimed its room, a tick after that it
     * starts.)
     */
    @Property(tries = 40)
    void fairShareStartsEveryJobWithinItsBound(@ForAll long seed, @ForAll boolean allResumable) {
        Random random = new Random(seed);
        long limit = 3 * HOUR;
        FairShare policy = new FairShare(new FairShare.Config(FairShare.Config.DEFAULT.queueLimitsGpuSeconds(), limit,
                MINIMUM_RUN));
        List<AgentResources> agents = agents(random, 2 + random.nextInt(3));
        List<TeamShare> teams = new ArrayList<>();
        for (int t = 0; t < 1 + random.nextInt(3); t++) {
            teams.add(TeamShare.of("team-" + t, 1 + random.nextInt(4)));
        }
        int jobs = 5 + random.nextInt(21);
        List<QueueRun.Arrival> arrivals = arrivals(random, teams, jobs, 6 * HOUR, 12 * HOUR,
                allResumable ? 1.0 : 0.8);
        long longestPinned = arrivals.stream().filter(a -> !a.job().resumable())
                .mapToLong(QueueRun.Arrival::durationMillis).max().orElse(0);
        long bound = limit + (jobs + 1) * (MINIMUM_RUN + longestPinned + 3 * TICK);
        QueueRun.Result result = new QueueRun(agents, teams, policy, TICK, MINIMUM_RUN)
                .run(arrivals, 400 * 24 * HOUR, 0);
        assertThat(result.unfinished()).isZero();
        assertThat(result.waitsMillis()).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(bound));
    }

    /**
     * Shares respected over time: with every team always backlogged (at least ten jobs waiting per
     * team, each of one worker with 1 to 4 GPUs running 10 to 90 minutes), each team's GPU-time over
     * two days, after a six-hour warm-up, is its weight's fraction of the GPU-time used, within 0.03
     * (three points of the cluster), and the cluster stays at least 90% busy. The starvation limit is
     * past the run: starved jobs go first whatever their team, on purpose.
     */
    @Property(tries = 10)
    void fairShareGivesBackloggedTeamsTheirWeights(@ForAll long seed) {
        Random random = new Random(seed);
        FairShare policy = new FairShare(new FairShare.Config(FairShare.Config.DEFAULT.queueLimitsGpuSeconds(),
                30 * 24 * HOUR, MINIMUM_RUN));
        List<AgentResources> agents = List.of(Fixtures.agent("a", 8), Fixtures.agent("b", 8), Fixtures.agent("c", 8),
                Fixtures.agent("d", 8));
        List<TeamShare> teams = new ArrayList<>();
        double weights = 0;
        for (int t = 0; t < 2 + random.nextInt(2); t++) {
            TeamShare team = TeamShare.of("team-" + t, 1 + random.nextInt(4));
            teams.add(team);
            weights += team.weight();
        }
        int[] made = {0};
        QueueRun.Result result = new QueueRun(agents, teams, policy, TICK, MINIMUM_RUN)
                .run(List.of(), 48 * HOUR, 6 * HOUR, 10, (team, now) -> new QueueRun.Arrival(
                        Fixtures.job(team + "-" + made[0]++, team, 1, 1 + random.nextInt(4), now),
                        (10 + random.nextInt(81)) * MINUTE));
        double total = result.gpuSecondsAfter().values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(total).as("GPU-seconds used after the warm-up").isGreaterThan(0.9 * 32 * 42 * 3600);
        for (TeamShare team : teams) {
            double fraction = result.gpuSecondsAfter().getOrDefault(team.team(), 0.0) / total;
            assertThat(fraction).as("team %s (weight %s of %s)", team.team(), team.weight(), weights)
                    .isCloseTo(team.weight() / weights, org.assertj.core.data.Offset.offset(0.03));
        }
    }

    private static List<AgentResources> agents(Random random, int count) {
        List<AgentResources> agents = new ArrayList<>();
        for (int a = 0; a < count; a++) {
            agents.add(Fixtures.agent("agent-" + a, random.nextBoolean() ? 8 : 4));
        }
        return agents;
    }

    /** Jobs that the cluster's smallest agents hold (up to two workers of up to four GPUs). */
    private static List<QueueRun.Arrival> arrivals(Random random, List<TeamShare> teams, int count, long overMillis,
                                                   long longestMillis, double resumable) {
        List<QueueRun.Arrival> arrivals = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            String team = teams.get(random.nextInt(teams.size())).team();
            long submitted = (long) (random.nextDouble() * overMillis);
            QueuedJob job = Fixtures.job("job-" + j, team, 1 + random.nextInt(2), 1 + random.nextInt(4), submitted)
                    .withResumable(random.nextDouble() < resumable);
            long duration = MINUTE + (long) (random.nextDouble() * longestMillis);
            arrivals.add(new QueueRun.Arrival(job, duration));
        }
        return arrivals;
    }
}
