package dev.gantry.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.placement.Amounts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A small replay of a policy for the properties: jobs arrive, run for their durations and finish;
 * the policy decides at every arrival and finish, at least every {@code tickMillis} while jobs
 * wait, and again at once after preemptions. Starts take effect at once; a preempted job stops at
 * once, keeps its progress (its checkpoint is instant here) and is requeued. Every decision is checked with {@link
 * DecisionChecks}, and after every step the agents' resources and the teams' caps are checked
 * against the running jobs.
 */
final class QueueRun {
    /** A job, when it arrives and how long it runs. */
    record Arrival(QueuedJob job, long durationMillis) {}

    /** What a run did: per queue entry of each job, how long it waited to start; GPU-seconds per team. */
    record Result(List<Long> waitsMillis, Map<String, Double> gpuSecondsByTeam, Map<String, Double> gpuSecondsAfter,
                  int unfinished, long endMillis) {}

    private final List<AgentResources> agents;
    private final List<TeamShare> teams;
    private final QueuePolicy policy;
    private final long tickMillis;
    private final long minimumRunMillis;

    QueueRun(List<AgentResources> agents, List<TeamShare> teams, QueuePolicy policy, long tickMillis,
             long minimumRunMillis) {
        this.agents = agents;
        this.teams = teams;
        this.policy = policy;
        this.tickMillis = tickMillis;
        this.minimumRunMillis = minimumRunMillis;
    }

    /**
     * Runs until every job finished or {@code untilMillis}; GPU-seconds after {@code measureFromMillis}
     * are counted separately, to leave out a warm-up.
     */
    Result run(List<Arrival> arrivals, long untilMillis, long measureFromMillis) {
        return run(arrivals, untilMillis, measureFromMillis, 0, null);
    }

    /**
     * Runs as {@link #run(List, long, long)}, and keeps every team backlogged: whenever a team has
     * fewer than {@code backlog} jobs waiting, {@code refill} makes it a new one, submitted now.
     */
    Result run(List<Arrival> arrivals, long untilMillis, long measureFromMillis, int backlog,
               BiFunction<String, Long, Arrival> refill) {
        List<Arrival> pending = new ArrayList<>(arrivals);
        pending.sort(Comparator.comparingLong(a -> a.job().submittedMillis()));
        Map<String, Long> remaining = new HashMap<>();
        arrivals.forEach(a -> remaining.put(a.job().id(), a.durationMillis()));
        Map<String, QueuedJob> waiting = new LinkedHashMap<>();
        Map<String, RunningJob> running = new LinkedHashMap<>();
        Map<String, TeamShare> teamsByName = new HashMap<>();
        teams.forEach(t -> teamsByName.put(t.team(), t));
        List<Long> waits = new ArrayList<>();
        Map<String, Double> gpuSeconds = new HashMap<>();
        Map<String, Double> gpuSecondsAfter = new HashMap<>();
        long now = 0;
        int next = 0;
        while (now <= untilMillis && (refill != null || next < pending.size() || !waiting.isEmpty() || !running.isEmpty())) {
            for (RunningJob job : List.copyOf(running.values())) {
                if (job.startedMillis() + remaining.get(job.id()) <= now) {
                    running.remove(job.id());
                }
            }
            while (next < pending.size() && pending.get(next).job().submittedMillis() <= now) {
                QueuedJob job = pending.get(next++).job();
                waiting.put(job.id(), job);
            }
            for (TeamShare team : refill == null ? List.<TeamShare>of() : teams) {
                long queued = waiting.values().stream().filter(j -> j.team().equals(team.team())).count();
                for (long k = queued; k < backlog; k++) {
                    Arrival arrival = refill.apply(team.team(), now);
                    remaining.put(arrival.job().id(), arrival.durationMillis());
                    waiting.put(arrival.job().id(), arrival.job());
                }
            }
            QueueState state = new QueueState(now, teams, List.copyOf(waiting.values()), List.copyOf(running.values()),
                    Fixtures.withFree(agents, List.copyOf(running.values())));
            QueueDecision decision = policy.decide(state);
            DecisionChecks.check(state, decision, minimumRunMillis);
            for (Preemption preemption : decision.preemptions()) {
                RunningJob job = running.remove(preemption.job().id());
                remaining.merge(job.id(), -(now - job.startedMillis()), Long::sum);
                waiting.put(job.id(), job.job().requeued(now, job.attainedGpuSeconds(now)));
            }
            for (JobStart start : decision.starts()) {
                QueuedJob job = waiting.remove(start.job().id());
                waits.add(now - job.queuedSinceMillis());
                running.put(job.id(), RunningJob.of(job, now, start.workersPerAgent()));
            }
            checkHeld(running, teamsByName);
            long until = untilMillis + 1;
            if (next < pending.size()) {
                until = Math.min(until, pending.get(next).job().submittedMillis());
            }
            for (RunningJob job : running.values()) {
                until = Math.min(until, job.startedMillis() + remaining.get(job.id()));
            }
            if (!waiting.isEmpty()) {
                until = Math.min(until, now + tickMillis);
            }
            // Preempted jobs stopped: decide again at once, as the service does when they are gone.
            until = decision.preemptions().isEmpty() ? Math.max(until, now + 1) : now;
            for (RunningJob job : running.values()) {
                double seconds = job.job().gpus() * (until - now) / 1000.0;
                gpuSeconds.merge(job.job().team(), seconds, Double::sum);
                if (now >= measureFromMillis) {
                    gpuSecondsAfter.merge(job.job().team(), seconds, Double::sum);
                }
            }
            now = until;
        }
        // Jobs still waiting have waited until the end of the run, at least.
        for (QueuedJob job : waiting.values()) {
            waits.add(now - job.queuedSinceMillis());
        }
        return new Result(waits, gpuSeconds, gpuSecondsAfter, waiting.size() + running.size()
                + pending.size() - next, now);
    }

    /** The running jobs' workers fit on their agents, and no team holds more than its cap. */
    private void checkHeld(Map<String, RunningJob> running, Map<String, TeamShare> teamsByName) {
        Map<String, Amounts> used = new HashMap<>();
        Map<String, Integer> byTeam = new HashMap<>();
        for (RunningJob job : running.values()) {
            job.workersPerAgent().forEach((agent, count) ->
                    used.merge(agent, job.job().worker().amounts().times(count), Amounts::plus));
            byTeam.merge(job.job().team(), job.job().gpus(), Integer::sum);
        }
        for (AgentResources agent : agents) {
            assertThat(agent.total().holds(used.getOrDefault(agent.agentId(), Amounts.ZERO)))
                    .as("agent %s holds its workers", agent.agentId()).isTrue();
        }
        byTeam.forEach((team, gpus) -> assertThat(gpus).as("team %s's GPUs", team)
                .isLessThanOrEqualTo(teamsByName.get(team).gpuCap()));
    }
}
