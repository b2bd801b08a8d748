package dev.gantry.placement;

/** Whether executors without GPUs may run on agents that offer GPUs, which are scarce. */
public enum GpuAgentUse {
    /** Never: CPU work waits for agents without GPUs. */
    NEVER,
    /** Only when no agent without GPUs can take it (the default). */
    WHEN_NOTHING_ELSE_FITS,
    /** Always, like any other agent. */
    ALWAYS
}
