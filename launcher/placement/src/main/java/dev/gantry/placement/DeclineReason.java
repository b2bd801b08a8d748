package dev.gantry.placement;

/** Why an offer is declined; each reason has its own refuse duration in {@link DeclineDurations}. */
public enum DeclineReason {
    /** The agent fails the job's attribute constraints. */
    UNMET_CONSTRAINTS,
    /** Executors recently failed on the agent too often. */
    AGENT_FAILING,
    /** The agent has GPUs and the job's executors need none. */
    GPU_AGENT_KEPT_FOR_GPU_WORK,
    /** The job has all the executors it wants, or reached its cores or GPU cap. */
    DEMAND_SATISFIED,
    /** Nothing the job needs fits in what is left of the offer. */
    NOTHING_FITS,
    /** A gang waited for enough offers past its timeout. */
    GANG_TIMED_OUT
}
