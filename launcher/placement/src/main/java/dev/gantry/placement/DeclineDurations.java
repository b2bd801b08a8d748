package dev.gantry.placement;

/**
 * How long a declined offer stays refused, per reason, in seconds. The defaults follow Spark
 * 3.5's Mesos backend ({@code spark.mesos.rejectOfferDuration*}: 120 s) for offers that will not
 * become useful soon, and Mesos' own 5 s default for offers that merely do not fit right now.
 */
public record DeclineDurations(double unmetConstraints, double agentFailing, double gpuAgentKept,
                               double demandSatisfied, double nothingFits, double gangTimedOut) {
    public static final DeclineDurations DEFAULT = new DeclineDurations(120, 120, 30, 120, 5, 30);

    public DeclineDurations {
        for (double seconds : new double[] {unmetConstraints, agentFailing, gpuAgentKept, demandSatisfied,
            nothingFits, gangTimedOut}) {
            if (!(seconds >= 0)) {
                throw new IllegalArgumentException("refuse durations must be non-negative seconds");
            }
        }
    }

    public double seconds(DeclineReason reason) {
        switch (reason) {
            case UNMET_CONSTRAINTS:
                return unmetConstraints;
            case AGENT_FAILING:
                return agentFailing;
            case GPU_AGENT_KEPT_FOR_GPU_WORK:
                return gpuAgentKept;
            case DEMAND_SATISFIED:
                return demandSatisfied;
            case NOTHING_FITS:
                return nothingFits;
            case GANG_TIMED_OUT:
                return gangTimedOut;
            default:
                throw new IllegalArgumentException("unknown reason " + reason);
        }
    }
}
