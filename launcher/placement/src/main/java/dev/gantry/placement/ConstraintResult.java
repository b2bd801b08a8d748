package dev.gantry.placement;

import java.util.Objects;

/**
 * One constraint judged on one agent, naming the constraint and, when the agent fails it, why:
 * {@code attribute gpu_model is A100, the job wants H100}.
 *
 * @param reason empty when the constraint is met
 */
public record ConstraintResult(AgentConstraint constraint, boolean met, String reason) {
    public ConstraintResult {
        Objects.requireNonNull(constraint, "constraint");
        Objects.requireNonNull(reason, "reason");
        if (!met && reason.isBlank()) {
            throw new IllegalArgumentException("a failed constraint needs a reason: " + constraint.describe());
        }
    }

    public static ConstraintResult met(AgentConstraint constraint) {
        return new ConstraintResult(constraint, true, "");
    }

    public static ConstraintResult failed(AgentConstraint constraint, String reason) {
        return new ConstraintResult(constraint, false, reason);
    }
}
