package dev.gantry.benchmarks.queue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run did, as the results report it. Job completion time (JCT): submission to finish.
 * Queueing delay: submission to first start (time a preempted job waits again shows in its JCT).
 * GPU utilization: GPU-seconds held by jobs over the cluster's GPU-seconds from time 0 to the last
 * finish; in the period: the same within the generated period only. Goodput: the share of held
 * GPU-seconds not lost to preemption (work past the last checkpoint) or to restoring checkpoints.
 */
public record RunSummary(String policy, int jobs, double avgJctHours, double p50JctHours, double p95JctHours,
                         double avgQueueingHours, double p95QueueingHours, double utilization,
                         double utilizationInPeriod, double goodput, int preemptions, double lostGpuHours,
                         Map<String, Double> avgJctHoursByTeam, Map<String, Integer> mostGpusByTeam) {

    public static RunSummary of(QueueSimulation.Run run, List<TeamSpec> teams) {
        List<QueueSimulation.Outcome> outcomes = run.outcomes();
        double[] jct = new double[outcomes.size()];
        double[] queueing = new double[outcomes.size()];
        int preemptions = 0;
        double lost = 0;
        Map<String, double[]> byTeam = new LinkedHashMap<>();
        teams.forEach(t -> byTeam.put(t.name(), new double[2]));
        for (int i = 0; i < outcomes.size(); i++) {
            QueueSimulation.Outcome o = outcomes.get(i);
            jct[i] = o.completionMillis() / 3.6e6;
            queueing[i] = o.queueingMillis() / 3.6e6;
            preemptions += o.preemptions();
            lost += o.lostGpuSeconds();
            double[] team = byTeam.computeIfAbsent(o.job().team(), k -> new double[2]);
            team[0] += jct[i];
            team[1]++;
        }
        Map<String, Double> teamJct = new LinkedHashMap<>();
        byTeam.forEach((team, sums) -> teamJct.put(team, sums[1] == 0 ? Double.NaN : sums[0] / sums[1]));
        double capacity = run.gpus() * (run.endMillis() / 1000.0);
        double capacityInPeriod = run.gpus() * (run.periodMillis() / 1000.0);
        return new RunSummary(run.policy(), outcomes.size(), mean(jct), percentile(jct, 0.50), percentile(jct, 0.95),
                mean(queueing), percentile(queueing, 0.95), run.allocatedGpuSeconds() / capacity,
                run.allocatedInPeriodGpuSeconds() / capacityInPeriod,
                1 - lost / Math.max(1e-9, run.allocatedGpuSeconds()), preemptions, lost / 3600, teamJct,
                run.mostGpusByTeam());
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    /** The nearest-rank percentile. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
