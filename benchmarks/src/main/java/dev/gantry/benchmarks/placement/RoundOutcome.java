package dev.gantry.benchmarks.placement;

import java.util.List;

/** What a placer decided in one round, and how long its own call took (nanoseconds). */
public record RoundOutcome(List<ExecutorGrant> grants, long placerNanos) {
    public RoundOutcome {
        grants = List.copyOf(grants);
    }
}
