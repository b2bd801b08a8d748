package dev.gantry.placement;

/** A hard constraint on agents: an agent that fails it gets none of the job's executors. */
public interface AgentConstraint {
    boolean admits(Candidate agent);
}
