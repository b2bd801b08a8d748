package dev.gantry.benchmarks.placement;

/**
 * CPUs, memory and whole GPUs on an agent or in an executor. The simulator keeps its own
 * arithmetic rather than Gantry's {@code Amounts}, so that it can check every placer, Gantry
 * included, against sums it did not compute itself: nothing here clamps a negative to zero.
 */
public record Resources(double cpus, double memMb, int gpus) {
    public static final Resources NONE = new Resources(0, 0, 0);
    // Placers work in doubles and Mesos keeps three decimals; allow for the rounding.
    private static final double EPSILON = 1e-6;

    public Resources plus(Resources other) {
        return new Resources(cpus + other.cpus, memMb + other.memMb, gpus + other.gpus);
    }

    public Resources minus(Resources other) {
        return new Resources(cpus - other.cpus, memMb - other.memMb, gpus - other.gpus);
    }

    public Resources times(int n) {
        return new Resources(cpus * n, memMb * n, gpus * n);
    }

    /** Whether {@code other} fits within these resources. */
    public boolean holds(Resources other) {
        return other.cpus <= cpus + EPSILON && other.memMb <= memMb + EPSILON && other.gpus <= gpus;
    }

    /** Whether no amount is negative beyond rounding: what an agent's free resources must always be. */
    public boolean nonNegative() {
        return cpus >= -EPSILON && memMb >= -EPSILON && gpus >= 0;
    }
}
