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
     * Best fit on GPUs: fills agents that are already partly used and keeps whole agents free for
     * large executors, so one-GPU work does not strand a later eight-GPU executor. Before that, it
     * avoids stranding GPUs: a placement that leaves an agent with GPUs but without the CPUs or
     * memory to use them (at this executor's ratio per GPU) comes last. Ties go to the agent with
     * the fewest free CPUs, then memory.
     */
    PlacementPolicy BINPACK = new PlacementPolicy() {
        @Override
        public String name() {
            return "binpack";
        }

        @Override
        public Comparator<Candidate> preference(ExecutorShape shape) {
            Comparator<Candidate> bestFit = Comparator.<Candidate>comparingInt(c -> c.free().gpus())
                    .thenComparingDouble(c -> c.free().cpus())
                    .thenComparingDouble(c -> c.free().memMb());
            if (!shape.usesGpus()) {
                return bestFit;
            }
            return Comparator.<Candidate>comparingInt(c -> gpusStrandedBy(shape, c.free())).thenComparing(bestFit);
        }
    };

    /**
     * GPUs an agent would have left after taking an executor of {@code shape} but could not use,
     * because too few CPUs or too little memory would remain for them at the executor's own ratio.
     */
    static int gpusStrandedBy(ExecutorShape shape, Amounts free) {
        int gpusLeft = free.gpus() - shape.gpus();
        if (gpusLeft <= 0) {
            return 0;
        }
        double perGpuCpus = shape.cpus() / shape.gpus();
        double perGpuMem = shape.memMb() / shape.gpus();
        double usable = Math.min((free.cpus() - shape.cpus()) / perGpuCpus, (free.memMb() - shape.memMb()) / perGpuMem);
        return gpusLeft - (int) Math.max(0, Math.min(gpusLeft, Math.floor(usable + Amounts.EPSILON)));
    }

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
