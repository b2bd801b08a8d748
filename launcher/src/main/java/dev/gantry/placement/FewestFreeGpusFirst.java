package dev.gantry.placement;

import java.util.Comparator;

/** Another policy's order, but agents with fewer free GPUs first: for CPU work that overflows onto GPU agents. */
final class FewestFreeGpusFirst implements PlacementPolicy {
    private final PlacementPolicy then;

    FewestFreeGpusFirst(PlacementPolicy then) {
        this.then = then;
    }

    @Override
    public String name() {
        return "fewest-free-gpus-then-" + then.name();
    }

    @Override
    public Comparator<Candidate> preference(ExecutorShape shape) {
        return Comparator.<Candidate>comparingInt(c -> c.free().gpus()).thenComparing(then.preference(shape));
    }
}
