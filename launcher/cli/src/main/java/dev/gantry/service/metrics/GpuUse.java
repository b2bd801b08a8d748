package dev.gantry.service.metrics;

import dev.gantry.mesos.MasterState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who holds the cluster's GPUs, from one read of the master's state: per agent and role what tasks
 * hold and what is free, and per running service job what its driver and executors hold.
 *
 * <p>Free GPUs follow Mesos' reservations: an agent's GPUs reserved for a role are free for that
 * role while its tasks do not hold them; the rest, unreserved, are free for any role and show as
 * role {@code *}. A role's tasks use its reservation first and unreserved GPUs beyond it (Mesos'
 * own order when a framework accepts both). Refined (hierarchical) reservations count for the role
 * they are reserved for, not its parents.
 *
 * @param allocated GPUs held by tasks that have not ended, per agent and role (roles reserved on the
 *     agent and {@code *} present with 0)
 * @param free GPUs no task holds, per agent and the role that may take them
 * @param jobs each running job's GPUs and executors
 */
public record GpuUse(List<AgentRole> allocated, List<AgentRole> free, List<JobUse> jobs) {
    /** Unreserved resources' role, as Mesos writes it. */
    public static final String ANY_ROLE = "*";
    static final String RUNNING = "TASK_RUNNING";

    public record AgentRole(String agent, String role, double gpus) {}

    /**
     * @param gpus GPUs its driver task and executor tasks hold now
     * @param executorsRunning its executor tasks in TASK_RUNNING
     */
    public record JobUse(long jobId, String team, double gpus, int executorsRunning) {}

    /**
     * A job of the service that may hold tasks: its id and team, its executors' label value, and
     * its current driver task, if one was launched.
     */
    public record RunningJob(long id, String team, Optional<String> driverTask) {}

    /**
     * @param jobLabel the label whose value is a job's id on each of its executor tasks
     */
    public static GpuUse of(MasterState state, Collection<RunningJob> running, String jobLabel) {
        List<MasterState.Task> live = new ArrayList<>();
        for (MasterState.Framework framework : state.frameworks()) {
            framework.tasks().stream().filter(task -> !task.ended()).forEach(live::add);
        }
        List<AgentRole> allocated = new ArrayList<>();
        List<AgentRole> free = new ArrayList<>();
        for (MasterState.Agent agent : state.agents()) {
            Map<String, Double> held = new TreeMap<>();
            for (MasterState.Task task : live) {
                if (task.agentId().equals(agent.id()) && task.resources().gpus() > 0) {
                    held.merge(task.role(), task.resources().gpus(), Double::sum);
                }
            }
            if (agent.total().gpus() <= 0 && held.isEmpty()) {
                continue; // no GPUs here: nothing to show
            }
            Map<String, Double> reserved = new TreeMap<>();
            agent.reserved().forEach((role, resources) -> {
                if (resources.gpus() > 0) {
                    reserved.put(role, resources.gpus());
                }
            });
            TreeSet<String> roles = new TreeSet<>(held.keySet());
            roles.addAll(reserved.keySet());
            roles.add(ANY_ROLE);
            double unreservedHeld = 0;
            for (String role : roles) {
                double holds = held.getOrDefault(role, 0.0);
                allocated.add(new AgentRole(agent.id(), role, holds));
                double own = reserved.getOrDefault(role, 0.0);
                if (!role.equals(ANY_ROLE)) {
                    unreservedHeld += Math.max(0, holds - own);
                    if (own > 0) {
                        free.add(new AgentRole(agent.id(), role, Math.max(0, own - holds)));
                    }
                } else {
                    unreservedHeld += holds;
                }
            }
            double unreserved = agent.total().gpus() - reserved.values().stream().mapToDouble(Double::doubleValue).sum();
            free.add(new AgentRole(agent.id(), ANY_ROLE, Math.max(0, unreserved - unreservedHeld)));
        }
        List<JobUse> jobs = new ArrayList<>();
        for (RunningJob job : running) {
            String id = Long.toString(job.id());
            double gpus = 0;
            int executors = 0;
            for (MasterState.Task task : live) {
                boolean executor = id.equals(task.labels().get(jobLabel));
                boolean driver = job.driverTask().filter(task.id()::equals).isPresent();
                if (executor || driver) {
                    gpus += task.resources().gpus();
                }
                if (executor && task.state().equals(RUNNING)) {
                    executors++;
                }
            }
            jobs.add(new JobUse(job.id(), job.team(), gpus, executors));
        }
        return new GpuUse(List.copyOf(allocated), List.copyOf(free), List.copyOf(jobs));
    }
}
