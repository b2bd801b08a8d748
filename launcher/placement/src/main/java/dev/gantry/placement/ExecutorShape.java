package dev.gantry.placement;

/**
 * What one executor needs: CPUs, memory including overhead, and whole GPUs. Every executor of a
 * job has the same shape and gets exactly it, never more GPUs and never fewer.
 */
public record ExecutorShape(double cpus, double memMb, int gpus) {
    public ExecutorShape {
        if (!(cpus > 0) || !(memMb > 0) || gpus < 0) {
            throw new IllegalArgumentException("an executor needs positive cpus and memory and whole GPUs: "
                    + cpus + " cpus, " + memMb + " MB, " + gpus + " gpus");
        }
    }

    public Amounts amounts() {
        return new Amounts(cpus, memMb, gpus);
    }

    public boolean usesGpus() {
        return gpus > 0;
    }
}
