package dev.gantry.queue;

/** Why a queued job does not start now, as Fenzo's failures name the evaluator that refused. */
public enum WaitReason {
    /** Starting it would take its team past the team's GPU cap. */
    OVER_TEAM_CAP,
    /** Not even the empty cluster holds all its workers at once (too large, or no agent meets its constraints). */
    NEVER_FITS,
    /** Running jobs are checkpointing and stopping to make room for it; it starts when they are gone. */
    WAITING_FOR_PREEMPTION,
    /** First in the policy's order among the jobs that do not fit: agents are kept for it as they drain. */
    HEAD_WAITING_FOR_ROOM,
    /** All its workers would fit now, but only on agents kept for the job at the head. */
    BEHIND_HEAD,
    /** Its gang does not fit in what is free now: not all of its workers at once. */
    GANG_DOES_NOT_FIT
}
