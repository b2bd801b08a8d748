package dev.gantry.service.jobs;

import dev.gantry.placement.Amounts;
import dev.gantry.placement.ExecutorShape;
import dev.gantry.queue.AgentResources;
import dev.gantry.queue.QueueState;
import dev.gantry.queue.QueuedJob;
import dev.gantry.queue.RunningJob;
import dev.gantry.queue.TeamShare;
import dev.gantry.run.AgentView;
import dev.gantry.run.Capacity;
import dev.gantry.run.ClusterView;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobState;
import dev.gantry.service.tenancy.Team;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the queue policy's view of one moment from the store's jobs, the master's agents and the
 * dispatcher's plans. An agent's free resources are its total less the larger of what the master
 * says is used (other frameworks included) and what the service's own started jobs were planned to
 * take there: a job just started holds its GPUs before its executors exist, so two decisions a
 * moment apart never promise the same GPU twice.
 */
final class QueueStates {
    private QueueStates() {}

    /**
     * @param waiting the jobs that may start now, each with its checked spec
     * @param active  the jobs with a driver, each with its checked spec
     */
    static QueueState of(Instant now, Map<String, Team> teams, Map<Job, CheckedJob> waiting,
                         Map<Job, CheckedJob> active, ClusterView cluster, ActiveRuns runs) {
        List<TeamShare> shares = new ArrayList<>();
        for (Team team : teams.values()) {
            TeamShare share = TeamShare.of(team.name(), team.weight());
            shares.add(team.gpuCap().isPresent() ? share.withCap(team.gpuCap().getAsInt()) : share);
        }
        List<QueuedJob> queued = new ArrayList<>();
        waiting.forEach((job, checked) -> queued.add(queued(job, checked)));

        Map<String, Amounts> planned = new HashMap<>();
        List<RunningJob> running = new ArrayList<>();
        active.forEach((job, checked) -> {
            QueuedJob queuedJob = queued(job, checked);
            Map<String, Integer> plan = runs.plan(job.id()).orElseGet(() -> fallbackPlan(cluster, checked));
            plan.forEach((agent, workers) -> planned.merge(agent, checked.worker().amounts().times(workers),
                    Amounts::plus));
            long started = runs.runStart(job.id()).orElse(now).toEpochMilli();
            RunningJob run = RunningJob.of(queuedJob, Math.min(started, now.toEpochMilli()), plan);
            boolean stopping = job.state() == JobState.PREEMPTING || job.state() == JobState.CANCELLING;
            running.add(stopping ? run.asStopping() : run);
        });

        List<AgentResources> agents = new ArrayList<>();
        for (AgentView agent : cluster.agents()) {
            Amounts total = agent.total();
            Amounts usedByMaster = total.minus(agent.free());
            Amounts taken = larger(usedByMaster, planned.getOrDefault(agent.id(), Amounts.ZERO));
            agents.add(new AgentResources(agent.id(), agent.hostname(), agent.attributes(), total,
                    remaining(total, taken)));
        }
        return new QueueState(now.toEpochMilli(), shares, queued, running, agents);
    }

    static QueuedJob queued(Job job, CheckedJob checked) {
        long submitted = job.submittedAt().toEpochMilli();
        // Requeued jobs (preempted, or relaunched after a failure) keep their submission time: the
        // fair policy orders by service received, FIFO by submission.
        return new QueuedJob(Long.toString(job.id()), job.team(), job.user(), checked.workers(), checked.worker(),
                checked.constraints(), job.priority(), submitted, submitted, job.gpuSeconds(), true);
    }

    /**
     * Where a job started before a restart is counted: agents in the cluster's order, as many of its
     * workers on each as the agent's total holds. Only the service's arithmetic depends on it; the
     * master's own count of used resources still bounds what is free.
     */
    static Map<String, Integer> fallbackPlan(ClusterView cluster, CheckedJob job) {
        Map<String, Integer> plan = new LinkedHashMap<>();
        int left = job.workers();
        ExecutorShape shape = job.worker();
        for (AgentView agent : cluster.agents()) {
            if (left == 0) {
                break;
            }
            int fits = Capacity.fits(agent.total(), shape);
            int here = Math.min(left, fits);
            if (here > 0) {
                plan.put(agent.id(), here);
                left -= here;
            }
        }
        if (left > 0 && !cluster.agents().isEmpty()) {
            plan.merge(cluster.agents().get(0).id(), left, Integer::sum);
        }
        return plan;
    }

    private static Amounts larger(Amounts a, Amounts b) {
        return new Amounts(Math.max(a.cpus(), b.cpus()), Math.max(a.memMb(), b.memMb()), Math.max(a.gpus(), b.gpus()));
    }

    private static Amounts remaining(Amounts total, Amounts taken) {
        return new Amounts(Math.max(0, total.cpus() - taken.cpus()), Math.max(0, total.memMb() - taken.memMb()),
                Math.max(0, total.gpus() - taken.gpus()));
    }

    /** GPU-seconds of a run of {@code gpus} GPUs from {@code start} to {@code end}. */
    static double service(int gpus, Instant start, Instant end) {
        Duration ran = Duration.between(start, end);
        return ran.isNegative() ? 0 : gpus * ran.toMillis() / 1000.0;
    }
}
