package dev.gantry.spark;

/**
 * Where Gantry's Mesos backend placed one executor, as launched: the agent and what the task took
 * from it. Which GPUs the agent gave is the agent's choice and shows in the executor's own resources.
 */
public record ExecutorPlacement(String executorId, String agentId, String hostname, double cpus, double memMb,
                                int gpus) {}
