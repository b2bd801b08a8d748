package dev.gantry.placement;

/**
 * A hard constraint on agents: an agent that fails it gets none of the job's executors. As
 * Fenzo's constraint evaluators do, a constraint says why an agent fails it, so that a round that
 * places nothing can say which constraint no agent met.
 */
public interface AgentConstraint {
    /** What the constraint asks of an agent, as a message to people says it: {@code gpu_model is H100}. */
    String describe();

    /** Whether {@code agent} meets the constraint, and if not, what the agent has instead. */
    ConstraintResult check(Candidate agent);

    default boolean admits(Candidate agent) {
        return check(agent).met();
    }
}
