package dev.gantry.benchmarks.queue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A policy on a workload: the shared run's summary and, per team, finish-time fairness (Themis,
 * Mahajan et al., NSDI 2020): rho = the team's average JCT on the shared cluster over its average
 * JCT when its jobs alone run, under the same policy, on a cluster of its share (its weight's
 * fraction of the agents). rho at most 1: the team does at least as well as on its own share.
 * Together, those runs are the cluster split into static partitions, one per team: the average
 * and 95th-percentile JCT over all jobs there are {@code partitioned...}.
 */
public record PolicyResult(RunSummary shared, Map<String, Double> isolatedAvgJctHours, double partitionedAvgJctHours,
                           double partitionedP95JctHours) {
    public Map<String, Double> rhoByTeam() {
        Map<String, Double> rho = new LinkedHashMap<>();
        shared.avgJctHoursByTeam().forEach((team, jct) -> rho.put(team, jct / isolatedAvgJctHours.get(team)));
        return rho;
    }

    public double maxRho() {
        return rhoByTeam().values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
