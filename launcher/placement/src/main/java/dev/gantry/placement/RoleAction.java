package dev.gantry.placement;

/** What to tell the master about the job's roles after this plan. */
public enum RoleAction {
    NONE,
    /** The job wants nothing more: stop sending offers. */
    SUPPRESS,
    /** The job is suppressed but needs executors again: send offers. */
    REVIVE
}
