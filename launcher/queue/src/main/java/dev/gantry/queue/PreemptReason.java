package dev.gantry.queue;

/** Why a running job is asked to checkpoint and stop. */
public enum PreemptReason {
    /** A job of higher priority waits for its resources. */
    LOWER_PRIORITY,
    /** Its team holds more than its share while a team below its share waits. */
    OVER_SHARE,
    /** A job of its own team, in a lower LAS queue, has attained less GPU service (Tiresias). */
    LESS_ATTAINED_SERVICE,
    /** A job has waited longer than the policy's starvation limit. */
    STARVATION,
    /** A job with less remaining GPU service waits (shortest-first, which knows durations). */
    SHORTER_JOB,
    /** Its team holds more GPUs than its cap (the operator lowered it). */
    OVER_TEAM_CAP
}
