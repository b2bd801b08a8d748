package dev.gantry.placement;

import java.util.List;
import java.util.Objects;

/**
 * What one job asks of the cluster: executors of one shape, how many in total (running ones
 * included), caps in the sense of Spark's {@code spark.cores.max} and {@code spark.mesos.gpus.max},
 * hard constraints on agents, and how to place them.
 *
 * @param policy null for the default: binpack for GPU executors, spread for CPU-only ones
 * @param gang null unless all executors must start together
 */
public record Demand(ExecutorShape shape, int targetExecutors, double coresMax, int gpusMax,
                     List<AgentConstraint> constraints, PlacementPolicy policy, Gang gang,
                     GpuAgentUse gpuAgentUse, boolean useRevocable, DeclineDurations declines) {
    public Demand {
        Objects.requireNonNull(shape, "shape");
        constraints = List.copyOf(constraints);
        Objects.requireNonNull(gpuAgentUse, "gpuAgentUse");
        Objects.requireNonNull(declines, "declines");
        if (targetExecutors < 0 || !(coresMax >= 0) || gpusMax < 0) {
            throw new IllegalArgumentException("targets and caps cannot be negative");
        }
    }

    /** {@code count} executors of {@code shape}, no caps or constraints, default policy and declines. */
    public static Demand of(ExecutorShape shape, int count) {
        return new Demand(shape, count, Double.POSITIVE_INFINITY, Integer.MAX_VALUE, List.of(), null, null,
                GpuAgentUse.WHEN_NOTHING_ELSE_FITS, false, DeclineDurations.DEFAULT);
    }

    public Demand withCaps(double cores, int gpus) {
        return new Demand(shape, targetExecutors, cores, gpus, constraints, policy, gang, gpuAgentUse, useRevocable,
                declines);
    }

    public Demand withConstraints(List<AgentConstraint> list) {
        return new Demand(shape, targetExecutors, coresMax, gpusMax, list, policy, gang, gpuAgentUse, useRevocable,
                declines);
    }

    public Demand withPolicy(PlacementPolicy chosen) {
        return new Demand(shape, targetExecutors, coresMax, gpusMax, constraints, chosen, gang, gpuAgentUse,
                useRevocable, declines);
    }

    public Demand withGang(Gang chosen) {
        return new Demand(shape, targetExecutors, coresMax, gpusMax, constraints, policy, chosen, gpuAgentUse,
                useRevocable, declines);
    }

    public Demand withGpuAgentUse(GpuAgentUse use) {
        return new Demand(shape, targetExecutors, coresMax, gpusMax, constraints, policy, gang, use, useRevocable,
                declines);
    }

    public Demand withRevocable(boolean revocable) {
        return new Demand(shape, targetExecutors, coresMax, gpusMax, constraints, policy, gang, gpuAgentUse,
                revocable, declines);
    }

    public Demand withDeclines(DeclineDurations durations) {
        return new Demand(shape, targetExecutors, coresMax, gpusMax, constraints, policy, gang, gpuAgentUse,
                useRevocable, durations);
    }

    /** The policy in force: the chosen one, else binpack for GPU executors and spread otherwise. */
    public PlacementPolicy effectivePolicy() {
        if (policy != null) {
            return policy;
        }
        return shape.usesGpus() ? PlacementPolicy.BINPACK : PlacementPolicy.SPREAD;
    }
}
