package dev.gantry.placement;

import java.util.Map;

/** An agent as policies and constraints see it during a round: what is still free on it, and for whom. */
public interface Candidate {
    String agentId();

    String hostname();

    Map<String, String> attributes();

    /** What is still free in this round, in the offers' role, counting revocable resources only if the job may. */
    Amounts free();

    /** This job's executors on the agent: those running plus those placed so far this round. */
    int jobExecutors();

    /** A candidate with fixed values: for evaluating constraints or policies outside a round. */
    static Candidate of(String agentId, String hostname, Map<String, String> attributes, Amounts free,
                        int jobExecutors) {
        return new Fixed(agentId, hostname, Map.copyOf(attributes), free, jobExecutors);
    }

    /** The candidate {@link #of} returns. */
    record Fixed(String agentId, String hostname, Map<String, String> attributes, Amounts free, int jobExecutors)
            implements Candidate {}
}
