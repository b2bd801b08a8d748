package dev.gantry.queue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a policy decides from: the time, the teams' shares, the jobs waiting and running, and
 * the agents with their free and total resources (the running jobs' workers included in what is
 * not free). Checked on construction: job ids are unique, every job's team has a share, and running
 * jobs sit on known agents.
 */
public record QueueState(long nowMillis, List<TeamShare> teams, List<QueuedJob> waiting, List<RunningJob> running,
                         List<AgentResources> agents) {
    public QueueState {
        teams = List.copyOf(teams);
        waiting = List.copyOf(waiting);
        running = List.copyOf(running);
        agents = List.copyOf(agents);
        Set<String> teamNames = new HashSet<>();
        for (TeamShare team : teams) {
            if (!teamNames.add(team.team())) {
                throw new IllegalArgumentException("team " + team.team() + " has two shares");
            }
        }
        Set<String> agentIds = new HashSet<>();
        for (AgentResources agent : agents) {
            if (!agentIds.add(agent.agentId())) {
                throw new IllegalArgumentException("agent " + agent.agentId() + " is listed twice");
            }
        }
        Set<String> jobIds = new HashSet<>();
        for (QueuedJob job : waiting) {
            checkJob(job, jobIds, teamNames);
        }
        for (RunningJob job : running) {
            checkJob(job.job(), jobIds, teamNames);
            for (String agent : job.workersPerAgent().keySet()) {
                if (!agentIds.contains(agent)) {
                    throw new IllegalArgumentException("job " + job.id() + " runs on unknown agent " + agent);
                }
            }
        }
    }

    private static void checkJob(QueuedJob job, Set<String> ids, Set<String> teams) {
        if (!ids.add(job.id())) {
            throw new IllegalArgumentException("job " + job.id() + " is listed twice");
        }
        if (!teams.contains(job.team())) {
            throw new IllegalArgumentException("job " + job.id() + " belongs to team " + job.team()
                    + ", which has no share");
        }
    }

    /** The teams by name. */
    public Map<String, TeamShare> teamsByName() {
        Map<String, TeamShare> byName = new HashMap<>();
        for (TeamShare team : teams) {
            byName.put(team.team(), team);
        }
        return byName;
    }

    /** All GPUs of the cluster, free or not. */
    public int totalGpus() {
        int gpus = 0;
        for (AgentResources agent : agents) {
            gpus += agent.total().gpus();
        }
        return gpus;
    }

    /** GPUs held by each team's running jobs, stopping ones included. */
    public Map<String, Integer> gpusByTeam() {
        Map<String, Integer> gpus = new HashMap<>();
        for (RunningJob job : running) {
            gpus.merge(job.job().team(), job.job().gpus(), Integer::sum);
        }
        return gpus;
    }
}
