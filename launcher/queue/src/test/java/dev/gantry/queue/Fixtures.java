package dev.gantry.queue;

import dev.gantry.placement.Amounts;
import dev.gantry.placement.ExecutorShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small clusters and jobs for the queue's tests: eight-GPU agents, workers with 4 CPUs and 16 GiB per GPU. */
final class Fixtures {
    static final long MINUTE = 60_000;
    static final long HOUR = 60 * MINUTE;

    private Fixtures() {}

    /** A worker with {@code gpus} GPUs and 4 CPUs and 16 GiB per GPU (one CPU and 4 GiB without GPUs). */
    static ExecutorShape worker(int gpus) {
        int scale = Math.max(1, gpus);
        return new ExecutorShape(4.0 * scale, 16_384.0 * scale, gpus);
    }

    /** An agent with {@code gpus} GPUs, 4 CPUs and 16 GiB per GPU and a little more. */
    static AgentResources agent(String id, int gpus) {
        return AgentResources.idle(id, new Amounts(4.0 * gpus + 4, 16_384.0 * gpus + 8_192, gpus));
    }

    static AgentResources agent(String id, int gpus, Map<String, String> attributes) {
        AgentResources plain = agent(id, gpus);
        return new AgentResources(id, id, attributes, plain.total(), plain.free());
    }

    static QueuedJob job(String id, String team, int workers, int gpusPerWorker, long submittedMillis) {
        return QueuedJob.of(id, team, "user-" + team, workers, worker(gpusPerWorker), submittedMillis);
    }

    /** {@code job} running since {@code startedMillis}, with workers per agent given as "agent", count, ... */
    static RunningJob running(QueuedJob job, long startedMillis, Object... agentCounts) {
        Map<String, Integer> placed = new TreeMap<>();
        for (int i = 0; i < agentCounts.length; i += 2) {
            placed.put((String) agentCounts[i], (Integer) agentCounts[i + 1]);
        }
        return RunningJob.of(job, startedMillis, placed);
    }

    static List<TeamShare> teams(Object... nameWeight) {
        List<TeamShare> teams = new ArrayList<>();
        for (int i = 0; i < nameWeight.length; i += 2) {
            teams.add(TeamShare.of((String) nameWeight[i], ((Number) nameWeight[i + 1]).doubleValue()));
        }
        return teams;
    }

    /** The state at {@code now}, each agent's free resources its total less the running jobs' workers on it. */
    static QueueState state(long now, List<TeamShare> teams, List<QueuedJob> waiting, List<RunningJob> running,
                            List<AgentResources> agents) {
        return new QueueState(now, teams, waiting, running, withFree(agents, running));
    }

    static List<AgentResources> withFree(List<AgentResources> agents, List<RunningJob> running) {
        Map<String, Amounts> used = new HashMap<>();
        for (RunningJob job : running) {
            job.workersPerAgent().forEach((agent, count) ->
                    used.merge(agent, job.job().worker().amounts().times(count), Amounts::plus));
        }
        List<AgentResources> result = new ArrayList<>();
        for (AgentResources agent : agents) {
            result.add(agent.withFree(agent.total().minus(used.getOrDefault(agent.agentId(), Amounts.ZERO))));
        }
        return result;
    }

    static WaitReason reason(QueueDecision decision, String jobId) {
        return decision.waitingJob(jobId).orElseThrow(() -> new AssertionError(jobId + " does not wait")).reason();
    }
}
