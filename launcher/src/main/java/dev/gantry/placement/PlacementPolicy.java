package dev.gantry.placement;

import java.util.Comparator;
import java.util.Locale;

/**
 * Where the next executor of a job goes among the agents it fits on: a policy orders
 * candidates, best first. Placement asks again after every executor, with the chosen agent's
 * free resources and executor count updated, and breaks ties by agent id, so plans are
 * deterministic.
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
    };

    /**
     * The agent holding the fewest of the job's executors first, then the most free CPUs: in
     * effect passes over the agents giving each one executor per pass, as Spark 3.5's offer loop
     * does, which spreads CPU work for locality and fault tolerance.
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
    };

    String name();

    /** Orders candidates for one more executor of {@code shape}, best first. */
    Comparator<Candidate> preference(ExecutorShape shape);

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
