package dev.gantry.placement;

import java.util.List;

/** The resources one executor is launched with, slice by slice. */
public record ExecutorAllocation(List<ResourceSlice> slices) {
    public ExecutorAllocation {
        slices = List.copyOf(slices);
    }

    /** The executor's total over all slices. */
    public Amounts total() {
        double cpus = 0;
        double mem = 0;
        double gpus = 0;
        for (ResourceSlice slice : slices) {
            switch (slice.name()) {
                case ResourceSlice.CPUS:
                    cpus += slice.amount();
                    break;
                case ResourceSlice.MEM:
                    mem += slice.amount();
                    break;
                case ResourceSlice.GPUS:
                    gpus += slice.amount();
                    break;
                default:
                    throw new IllegalStateException("unexpected resource " + slice.name());
            }
        }
        return new Amounts(cpus, mem, (int) Math.round(gpus));
    }
}
