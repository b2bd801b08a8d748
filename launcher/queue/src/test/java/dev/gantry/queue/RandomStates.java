package dev.gantry.queue;

import dev.gantry.placement.Amounts;
import dev.gantry.placement.AttributeConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random but consistent queue states from a seed: up to six agents of 2, 4 or 8 GPUs, some H100s;
 * up to three teams with weights and sometimes caps (which running jobs may exceed, as after an
 * operator lowers one); running jobs placed first-fit on the agents, some stopping, some that cannot
 * resume; waiting jobs of up to three workers with up to eight GPUs each, some requeued with
 * attained service, some long waiting, some with constraints or priority.
 */
final class RandomStates {
    static final long NOW = 100 * Fixtures.HOUR;

    private RandomStates() {}

    static QueueState state(long seed) {
        Random random = new Random(seed);
        List<AgentResources> agents = new ArrayList<>();
        int agentCount = 1 + random.nextInt(6);
        for (int a = 0; a < agentCount; a++) {
            int gpus = new int[] {2, 4, 8}[random.nextInt(3)];
            agents.add(Fixtures.agent("agent-" + a, gpus, Map.of("gpu_model", random.nextInt(3) == 0 ? "H100" : "A100")));
        }
        List<TeamShare> teams = new ArrayList<>();
        int teamCount = 1 + random.nextInt(3);
        for (int t = 0; t < teamCount; t++) {
            TeamShare team = TeamShare.of("team-" + t, 1 + random.nextInt(4));
            teams.add(random.nextInt(3) == 0 ? team.withCap(2 + random.nextInt(24)) : team);
        }
        double[][] free = new double[agentCount][];
        for (int a = 0; a < agentCount; a++) {
            free[a] = GangFit.amounts(agents.get(a).total());
        }
        List<RunningJob> running = new ArrayList<>();
        int runningCount = random.nextInt(10);
        for (int r = 0; r < runningCount; r++) {
            QueuedJob spec = job(random, "run-" + r, teams, 1 + random.nextInt(2), random.nextInt(5), false);
            Map<String, Integer> placed = firstFit(spec, agents, free);
            if (placed != null) {
                long started = NOW - (long) (random.nextDouble() * 3 * Fixtures.HOUR);
                RunningJob job = RunningJob.of(spec, started, placed);
                running.add(random.nextInt(10) == 0 ? job.asStopping() : job);
            }
        }
        List<AgentResources> withFree = new ArrayList<>();
        for (int a = 0; a < agentCount; a++) {
            withFree.add(agents.get(a).withFree(new Amounts(Math.max(0, free[a][0]), Math.max(0, free[a][1]),
                    (int) Math.round(free[a][2]))));
        }
        List<QueuedJob> waiting = new ArrayList<>();
        int waitingCount = random.nextInt(13);
        for (int w = 0; w < waitingCount; w++) {
            waiting.add(job(random, "wait-" + w, teams, 1 + random.nextInt(3), random.nextInt(9), true));
        }
        return new QueueState(NOW, teams, waiting, running, withFree);
    }

    private static QueuedJob job(Random random, String id, List<TeamShare> teams, int workers, int gpus,
                                 boolean queued) {
        String team = teams.get(random.nextInt(teams.size())).team();
        long submitted = NOW - (long) (random.nextDouble() * 30 * Fixtures.HOUR);
        long queuedSince = queued && random.nextBoolean()
                ? submitted + (long) (random.nextDouble() * (NOW - submitted)) : submitted;
        double attained = random.nextInt(3) == 0 ? random.nextDouble() * 20 * 3600 : 0;
        QueuedJob job = new QueuedJob(id, team, "user", workers, Fixtures.worker(gpus), List.of(),
                random.nextInt(5) == 0 ? 1 : 0, submitted, queuedSince, attained, random.nextInt(4) != 0);
        if (random.nextInt(6) == 0) {
            job = job.withConstraints(List.of(AttributeConstraint.oneOf("gpu_model", "H100")));
        }
        return job;
    }

    /** Places the job's workers one by one on the first agent with room; null if they do not all fit. */
    static Map<String, Integer> firstFit(QueuedJob job, List<AgentResources> agents, double[][] free) {
        Map<String, Integer> placed = new java.util.TreeMap<>();
        double[][] left = new double[free.length][];
        for (int a = 0; a < free.length; a++) {
            left[a] = free[a].clone();
        }
        double[] one = GangFit.times(job.worker(), 1);
        for (int w = 0; w < job.workers(); w++) {
            int chosen = -1;
            for (int a = 0; a < left.length && chosen < 0; a++) {
                if (GangFit.holds(job.worker(), left[a]) > 0
                        && (job.constraints().isEmpty() || "H100".equals(agents.get(a).attributes().get("gpu_model")))) {
                    chosen = a;
                }
            }
            if (chosen < 0) {
                return null;
            }
            for (int r = 0; r < 3; r++) {
                left[chosen][r] -= one[r];
            }
            placed.merge(agents.get(chosen).agentId(), 1, Integer::sum);
        }
        for (int a = 0; a < free.length; a++) {
            free[a] = left[a];
        }
        return placed;
    }
}
