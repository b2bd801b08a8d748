package dev.gantry.placement;

import dev.gantry.protocol.ResourceNames;
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
                case ResourceNames.CPUS:
                    cpus += slice.amount();
                    break;
                case ResourceNames.MEM:
                    mem += slice.amount();
                    break;
                case ResourceNames.GPUS:
                    gpus += slice.amount();
                    break;
                default:
                    throw new IllegalStateException("unexpected resource " + slice.name());
            }
        }
        return new Amounts(cpus, mem, (int) Math.round(gpus));
    }
}
