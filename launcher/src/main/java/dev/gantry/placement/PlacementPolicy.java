package dev.gantry.placement;

import java.util.Comparator;
import java.util.Locale;

/**
 * Where the next executor of a job goes among the agents it fits on. A policy orders
 * candidates, best first (placement breaks ties by agent id, so plans are deterministic), and
 * may cap how many executors one agent takes per round.
 */
public interface PlacementPolicy {
    /**
     * Best fit on GPUs first, then CPUs, then memory: fills the agents that are already partly
     * used and keeps whole agents free for large executors, so one-GPU work does not strand a
     * later eight-GPU executor.
     */
    PlacementPolicy BINPACK = new PlacementPolicy() {
        @Override
        public String name() {
            return "binpack";
        }

        @Override
        public Comparator<Candidate> preference(ExecutorShape shape) {
            return Comparator.<Candidate>comparingInt(c -> c.free().gpus())
                    .thenComparingDouble(c -> c.free().cpus())
                    .thenComparingDouble(c -> c.free().memMb());
        }

        @Override
        public int maxPerAgentPerRound() {
            return Integer.MAX_VALUE;
        }
    };

    /**
     * One executor per agent per round, to the agents holding the fewest of the job's executors
     * and then the most free CPUs: spreads CPU work for locality and fault tolerance.
     */
    PlacementPolicy SPREAD = new PlacementPolicy() {
        @Override
        public String name() {
            return "spread";
        }

        @Override
        public Comparator<Candidate> preference(ExecutorShape shape) {
            return Comparator.<Candidate>comparingInt(Candidate::jobExecutors)
                    .thenComparing(Comparator.<Candidate>comparingDouble(c -> c.free().cpus()).reversed())
                    .thenComparing(Comparator.<Candidate>comparingDouble(c -> c.free().memMb()).reversed());
        }

        @Override
        public int maxPerAgentPerRound() {
            return 1;
        }
    };

    String name();

    /** Orders candidates for one more executor of {@code shape}, best first. */
    Comparator<Candidate> preference(ExecutorShape shape);

    /** How many executors one agent may receive in one round. */
    int maxPerAgentPerRound();

    /** The policy called {@code name} ("binpack" or "spread"). */
    static PlacementPolicy named(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "binpack":
                return BINPACK;
            case "spread":
                return SPREAD;
            default:
                throw new IllegalArgumentException("unknown placement policy '" + name + "' (binpack or spread)");
        }
    }
}
