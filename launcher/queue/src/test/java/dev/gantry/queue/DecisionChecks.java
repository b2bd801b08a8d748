package dev.gantry.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.placement.AgentConstraint;
import dev.gantry.placement.Candidate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What every decision of every policy must satisfy, whatever the state. */
final class DecisionChecks {
    private static final double EPSILON = 1e-6;

    private DecisionChecks() {}

    static void check(QueueState state, QueueDecision decision, long minimumRunMillis) {
        eachQueuedJobAnsweredOnce(state, decision);
        nothingPromisedTwice(state, decision);
        capsHold(state, decision);
        preemptionsAreOfResumableJobsForAReason(state, decision, minimumRunMillis);
    }

    /** Every waiting job starts or waits, once; a start places exactly its gang, on agents meeting its constraints. */
    static void eachQueuedJobAnsweredOnce(QueueState state, QueueDecision decision) {
        Set<String> queued = new HashSet<>();
        state.waiting().forEach(j -> queued.add(j.id()));
        Set<String> answered = new HashSet<>();
        decision.starts().forEach(s -> assertThat(answered.add(s.job().id())).as("answered once: %s", s.job().id()).isTrue());
        decision.waiting().forEach(w -> assertThat(answered.add(w.job().id())).as("answered once: %s", w.job().id()).isTrue());
        assertThat(answered).isEqualTo(queued);
        Map<String, AgentResources> agents = new HashMap<>();
        state.agents().forEach(a -> agents.put(a.agentId(), a));
        for (JobStart start : decision.starts()) {
            assertThat(queued).contains(start.job().id());
            assertThat(start.workersPerAgent().values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(start.job().workers());
            start.workersPerAgent().forEach((agentId, count) -> {
                assertThat(count).isPositive();
                AgentResources agent = agents.get(agentId);
                assertThat(agent).as("start on a known agent").isNotNull();
                for (AgentConstraint constraint : start.job().constraints()) {
                    assertThat(constraint.admits(Candidate.of(agentId, agent.hostname(), agent.attributes(),
                            agent.free(), 0))).isTrue();
                }
            });
        }
    }

    /** What the starts take of each agent fits in what was free there: no GPU, CPU or MB is promised twice. */
    static void nothingPromisedTwice(QueueState state, QueueDecision decision) {
        Map<String, double[]> taken = new HashMap<>();
        for (JobStart start : decision.starts()) {
            start.workersPerAgent().forEach((agentId, count) -> {
                double[] sum = taken.computeIfAbsent(agentId, k -> new double[3]);
                sum[0] += start.job().worker().cpus() * count;
                sum[1] += start.job().worker().memMb() * count;
                sum[2] += (double) start.job().worker().gpus() * count;
            });
        }
        for (AgentResources agent : state.agents()) {
            double[] sum = taken.getOrDefault(agent.agentId(), new double[3]);
            assertThat(sum[2]).as("GPUs promised on %s", agent.agentId()).isLessThanOrEqualTo(agent.free().gpus());
            assertThat(sum[0]).as("CPUs promised on %s", agent.agentId()).isLessThanOrEqualTo(agent.free().cpus() + EPSILON);
            assertThat(sum[1]).as("memory promised on %s", agent.agentId())
                    .isLessThanOrEqualTo(agent.free().memMb() + EPSILON);
        }
    }

    /** A team within its cap stays within it; a team over it starts nothing. */
    static void capsHold(QueueState state, QueueDecision decision) {
        Map<String, Integer> held = state.gpusByTeam();
        Map<String, Integer> started = new HashMap<>();
        decision.starts().forEach(s -> started.merge(s.job().team(), s.job().gpus(), Integer::sum));
        for (TeamShare team : state.teams()) {
            int before = held.getOrDefault(team.team(), 0);
            int added = started.getOrDefault(team.team(), 0);
            if (before <= team.gpuCap()) {
                assertThat(before + added).as("team %s's GPUs", team.team()).isLessThanOrEqualTo(team.gpuCap());
            } else {
                assertThat(added).as("starts of team %s, over its cap", team.team()).isZero();
            }
        }
    }

    /**
     * Only resumable running jobs that are not already stopping are preempted, each once; but for a
     * team over its cap, only after their minimum run and for a waiting job that waits for them.
     */
    static void preemptionsAreOfResumableJobsForAReason(QueueState state, QueueDecision decision,
                                                         long minimumRunMillis) {
        Set<String> seen = new HashSet<>();
        Map<String, Integer> held = state.gpusByTeam();
        Map<String, TeamShare> teams = state.teamsByName();
        for (Preemption preemption : decision.preemptions()) {
            RunningJob job = preemption.job();
            assertThat(state.running()).contains(job);
            assertThat(job.job().resumable()).isTrue();
            assertThat(job.stopping()).isFalse();
            assertThat(seen.add(job.id())).as("preempted once: %s", job.id()).isTrue();
            if (preemption.reason() == PreemptReason.OVER_TEAM_CAP) {
                assertThat(held.get(job.job().team())).isGreaterThan(teams.get(job.job().team()).gpuCap());
            } else {
                assertThat(state.nowMillis() - job.startedMillis()).isGreaterThanOrEqualTo(minimumRunMillis);
                assertThat(decision.waitingJob(preemption.forJobId()).orElseThrow().reason())
                        .isEqualTo(WaitReason.WAITING_FOR_PREEMPTION);
            }
        }
    }
}
