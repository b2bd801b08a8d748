package dev.gantry.benchmarks.queue;

import dev.gantry.placement.Amounts;
import dev.gantry.queue.AgentResources;
import dev.gantry.queue.JobStart;
import dev.gantry.queue.Preemption;
import dev.gantry.queue.QueueDecision;
import dev.gantry.queue.QueuePolicy;
import dev.gantry.queue.QueueState;
import dev.gantry.queue.QueuedJob;
import dev.gantry.queue.RunningJob;
import dev.gantry.queue.TeamShare;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A discrete-event model of a GPU cluster under a queue policy: jobs arrive, the policy decides
 * (placing gangs with placement's real Placer), jobs run for their durations and finish. The policy
 * decides at every arrival and finish, every {@link Settings#tickMillis()} while jobs wait (so that
 * attained service, minimum runs and starvation limits are seen as time passes), and again at once
 * after it preempted, when the preempted jobs are gone.
 *
 * <p>A preempted job stops at once, losing the work since its last checkpoint (jobs checkpoint
 * every {@link Settings#checkpointMillis()} of progress), and is requeued; when it starts again it
 * first spends {@link Settings#resumeMillis()} restoring before it progresses. Checkpoints
 * themselves cost no time. The model throws if a decision over-commits an agent or takes a team
 * past its cap, so a policy cannot break either unnoticed.
 */
public final class QueueSimulation {
    /** Eight H100-class GPUs, 96 CPUs and 1 TiB per agent. */
    static final Amounts AGENT = new Amounts(96, 1_048_576, 8);

    /**
     * @param tickMillis       the longest the policy goes without deciding while jobs wait
     * @param checkpointMillis progress between checkpoints; preemption loses what is past the last
     * @param resumeMillis     restoring a checkpoint before a resumed job progresses again
     */
    public record Settings(long tickMillis, long checkpointMillis, long resumeMillis) {
        /** Five minutes between decisions, checkpoints every 30 minutes, one minute to resume. */
        public static final Settings DEFAULT = new Settings(5 * 60_000L, 30 * 60_000L, 60_000L);
    }

    /** Makes the policy to run, given the remaining run time of every job for those that may know it. */
    public interface PolicyFactory {
        QueuePolicy create(ToDoubleFunction<String> remainingSeconds);
    }

    /** One job's fate. */
    public record Outcome(SimJob job, long firstStartMillis, long finishMillis, int preemptions,
                          double lostGpuSeconds) {
        public long completionMillis() {
            return finishMillis - job.submitMillis();
        }

        public long queueingMillis() {
            return firstStartMillis - job.submitMillis();
        }
    }

    /** A run's outcomes and the cluster's accounts. */
    public record Run(String policy, int gpus, long periodMillis, List<Outcome> outcomes, double allocatedGpuSeconds,
                      double allocatedInPeriodGpuSeconds, long endMillis, int decisions,
                      Map<String, Integer> mostGpusByTeam) {}

    private final int agentCount;
    private final List<TeamShare> teams;
    private final Settings settings;

    public QueueSimulation(int agentCount, List<TeamShare> teams, Settings settings) {
        this.agentCount = agentCount;
        this.teams = List.copyOf(teams);
        this.settings = settings;
    }

    /** A job's progress through the run. */
    private static final class Progress {
        final SimJob job;
        QueuedJob queued;
        RunningJob running;
        long runStart;
        long overhead;
        long doneMillis;
        double attained;
        long firstStart = -1;
        long finish = -1;
        int preemptions;
        double lost;
        int version;

        Progress(SimJob job) {
            this.job = job;
            this.queued = job.queued();
        }

        /** Progress made by {@code now}, saved or not. */
        long progressAt(long now) {
            return doneMillis + (running == null ? 0 : Math.max(0, now - runStart - overhead));
        }
    }

    private record Completion(long time, int job, int version) {}

    public Run run(PolicyFactory factory, List<SimJob> jobs, long periodMillis) {
        List<Progress> progress = new ArrayList<>(jobs.size());
        Map<String, Integer> byId = new HashMap<>();
        for (SimJob job : jobs) {
            byId.put(job.id(), progress.size());
            progress.add(new Progress(job));
        }
        long[] clock = {0};
        QueuePolicy policy = factory.create(id -> {
            Progress p = progress.get(byId.get(id));
            return Math.max(0, p.job.durationMillis() - p.progressAt(clock[0])) / 1000.0;
        });
        Map<String, TeamShare> teamsByName = new HashMap<>();
        teams.forEach(t -> teamsByName.put(t.team(), t));
        double[][] free = new double[agentCount][];
        Map<String, Integer> agentIndex = new HashMap<>();
        for (int a = 0; a < agentCount; a++) {
            free[a] = new double[] {AGENT.cpus(), AGENT.memMb(), AGENT.gpus()};
            agentIndex.put(agentId(a), a);
        }
        Set<Integer> waiting = new LinkedHashSet<>();
        Set<Integer> running = new LinkedHashSet<>();
        PriorityQueue<Completion> completions = new PriorityQueue<>((x, y) -> x.time() != y.time()
                ? Long.compare(x.time(), y.time()) : Integer.compare(x.job(), y.job()));
        Map<String, Integer> teamGpus = new HashMap<>();
        Map<String, Integer> mostByTeam = new HashMap<>();
        double[] allocated = new double[2];
        int finished = 0;
        int next = 0;
        int decisions = 0;
        long now = 0;
        while (finished < jobs.size()) {
            clock[0] = now;
            while (!completions.isEmpty() && completions.peek().time() <= now) {
                Completion c = completions.poll();
                Progress p = progress.get(c.job());
                if (p.version == c.version() && p.running != null) {
                    account(p, c.time(), periodMillis, allocated);
                    p.lost += p.job.gpus() * p.overhead / 1000.0;
                    release(p, free, agentIndex, teamGpus);
                    p.running = null;
                    p.finish = c.time();
                    running.remove(c.job());
                    finished++;
                }
            }
            while (next < jobs.size() && jobs.get(next).submitMillis() <= now) {
                waiting.add(next++);
            }
            boolean preempted = false;
            if (!waiting.isEmpty()) {
                QueueDecision decision = policy.decide(state(now, progress, waiting, running, free));
                decisions++;
                for (Preemption preemption : decision.preemptions()) {
                    int index = byId.get(preemption.job().id());
                    Progress p = progress.get(index);
                    long elapsed = now - p.runStart;
                    long productive = Math.max(0, elapsed - p.overhead);
                    long saved = productive / settings.checkpointMillis() * settings.checkpointMillis();
                    account(p, now, periodMillis, allocated);
                    p.lost += p.job.gpus() * (elapsed - saved) / 1000.0;
                    p.doneMillis += saved;
                    p.attained += p.job.gpus() * elapsed / 1000.0;
                    p.preemptions++;
                    p.version++;
                    release(p, free, agentIndex, teamGpus);
                    p.running = null;
                    p.queued = p.queued.requeued(now, p.attained);
                    running.remove(index);
                    waiting.add(index);
                    preempted = true;
                }
                for (JobStart start : decision.starts()) {
                    int index = byId.get(start.job().id());
                    Progress p = progress.get(index);
                    start.workersPerAgent().forEach((agent, count) -> take(free[agentIndex.get(agent)], p.job, count,
                            agent));
                    int held = teamGpus.merge(p.job.team(), p.job.gpus(), Integer::sum);
                    if (held > teamsByName.get(p.job.team()).gpuCap()) {
                        throw new IllegalStateException("team " + p.job.team() + " holds " + held + " GPUs, past its cap");
                    }
                    mostByTeam.merge(p.job.team(), held, Math::max);
                    p.running = RunningJob.of(p.queued, now, start.workersPerAgent());
                    p.runStart = now;
                    p.overhead = p.preemptions > 0 ? settings.resumeMillis() : 0;
                    if (p.firstStart < 0) {
                        p.firstStart = now;
                    }
                    waiting.remove(index);
                    running.add(index);
                    completions.add(new Completion(now + p.overhead + p.job.durationMillis() - p.doneMillis, index,
                            p.version));
                }
            }
            if (preempted) {
                continue;
            }
            long until = Long.MAX_VALUE;
            if (next < jobs.size()) {
                until = Math.min(until, jobs.get(next).submitMillis());
            }
            if (!completions.isEmpty()) {
                until = Math.min(until, completions.peek().time());
            }
            if (!waiting.isEmpty()) {
                until = Math.min(until, now + settings.tickMillis());
            }
            if (until == Long.MAX_VALUE && finished < jobs.size()) {
                throw new IllegalStateException(policy.name() + ": " + waiting.size() + " jobs wait and nothing "
                        + "will change (a job larger than the cluster?)");
            }
            now = Math.max(until, now + 1);
        }
        List<Outcome> outcomes = new ArrayList<>(progress.size());
        long end = 0;
        for (Progress p : progress) {
            outcomes.add(new Outcome(p.job, p.firstStart, p.finish, p.preemptions, p.lost));
            end = Math.max(end, p.finish);
        }
        return new Run(policy.name(), agentCount * AGENT.gpus(), periodMillis, outcomes, allocated[0], allocated[1],
                end, decisions, mostByTeam);
    }

    private QueueState state(long now, List<Progress> progress, Set<Integer> waiting, Set<Integer> running,
                             double[][] free) {
        List<QueuedJob> queued = new ArrayList<>(waiting.size());
        for (int index : waiting) {
            queued.add(progress.get(index).queued);
        }
        List<RunningJob> runs = new ArrayList<>(running.size());
        for (int index : running) {
            runs.add(progress.get(index).running);
        }
        List<AgentResources> agents = new ArrayList<>(agentCount);
        for (int a = 0; a < agentCount; a++) {
            String id = agentId(a);
            agents.add(new AgentResources(id, id, Map.of(), AGENT, new Amounts(Math.max(0, free[a][0]),
                    Math.max(0, free[a][1]), (int) Math.round(free[a][2]))));
        }
        return new QueueState(now, teams, queued, runs, agents);
    }

    static String agentId(int index) {
        return String.format("agent-%03d", index);
    }

    private static void take(double[] free, SimJob job, int workers, String agent) {
        free[0] -= job.worker().cpus() * workers;
        free[1] -= job.worker().memMb() * workers;
        free[2] -= job.worker().gpus() * workers;
        if (free[0] < -1e-6 || free[1] < -1e-6 || free[2] < -1e-6) {
            throw new IllegalStateException("over-commit on " + agent + " by " + job.id());
        }
    }

    private static void release(Progress p, double[][] free, Map<String, Integer> agentIndex,
                                Map<String, Integer> teamGpus) {
        p.running.workersPerAgent().forEach((agent, count) -> {
            double[] f = free[agentIndex.get(agent)];
            f[0] += p.job.worker().cpus() * count;
            f[1] += p.job.worker().memMb() * count;
            f[2] += p.job.worker().gpus() * count;
        });
        teamGpus.merge(p.job.team(), -p.job.gpus(), Integer::sum);
    }

    /** Adds the GPU-seconds of the run ending at {@code end}: all of them, and those within the period. */
    private static void account(Progress p, long end, long periodMillis, double[] allocated) {
        allocated[0] += p.job.gpus() * (end - p.runStart) / 1000.0;
        allocated[1] += p.job.gpus() * (Math.min(end, periodMillis) - Math.min(p.runStart, periodMillis)) / 1000.0;
    }
}
