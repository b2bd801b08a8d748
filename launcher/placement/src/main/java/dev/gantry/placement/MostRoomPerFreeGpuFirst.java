package dev.gantry.placement;

import java.util.Comparator;

/**
 * For CPU work that must go to GPU agents: the agent that keeps the most CPUs and memory per free
 * GPU after taking the executor comes first, then the job's own policy decides. CPU work then
 * lands where it leaves GPUs usable, rather than on a partly used agent whose few free GPUs need
 * every CPU it has left (measured in the placement simulator: fewer GPUs stranded than ordering by
 * free GPUs or by free CPUs).
 */
final class MostRoomPerFreeGpuFirst implements PlacementPolicy {
    private final PlacementPolicy then;

    MostRoomPerFreeGpuFirst(PlacementPolicy then) {
        this.then = then;
    }

    @Override
    public String name() {
        return "most-room-per-free-gpu-then-" + then.name();
    }

    @Override
    public Comparator<Candidate> preference(ExecutorShape shape) {
        return Comparator.<Candidate>comparingDouble(c -> -roomPerFreeGpu(shape, c.free()))
                .thenComparing(then.preference(shape));
    }

    /** CPUs and memory left per free GPU after the executor, in units of the executor's own size. */
    static double roomPerFreeGpu(ExecutorShape shape, Amounts free) {
        int gpus = Math.max(1, free.gpus());
        double cpus = (free.cpus() - shape.cpus()) / gpus / shape.cpus();
        double mem = (free.memMb() - shape.memMb()) / gpus / shape.memMb();
        return Math.min(cpus, mem);
    }
}
