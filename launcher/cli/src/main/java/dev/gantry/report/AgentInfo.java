package dev.gantry.report;

/**
 * A Mesos agent that ran workers of the job.
 *
 * @param gpus     how many GPUs the agent has (all of them, not only the job's)
 * @param gpuModel e.g. "NVIDIA A100-SXM4-40GB", null when unknown
 */
public record AgentInfo(String id, String host, int gpus, String gpuModel) {}
