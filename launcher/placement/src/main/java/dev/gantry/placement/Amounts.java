package dev.gantry.placement;

/**
 * Quantities of the three resources placement reasons about. CPUs and memory are Mesos scalars;
 * GPUs are whole, as Mesos requires.
 */
public record Amounts(double cpus, double memMb, int gpus) {
    public static final Amounts ZERO = new Amounts(0, 0, 0);
    // Mesos keeps three decimals; comparisons allow for the rounding that leaves behind.
    static final double EPSILON = 1e-6;

    public Amounts {
        if (cpus < -EPSILON || memMb < -EPSILON || gpus < 0 || Double.isNaN(cpus) || Double.isNaN(memMb)) {
            throw new IllegalArgumentException("amounts cannot be negative: " + cpus + " cpus, " + memMb
                    + " MB, " + gpus + " gpus");
        }
    }

    public Amounts plus(Amounts other) {
        return new Amounts(cpus + other.cpus, memMb + other.memMb, gpus + other.gpus);
    }

    public Amounts minus(Amounts other) {
        return new Amounts(Math.max(0, cpus - other.cpus), Math.max(0, memMb - other.memMb), gpus - other.gpus);
    }

    public Amounts times(int n) {
        return new Amounts(cpus * n, memMb * n, gpus * n);
    }

    /** Whether {@code other} fits within these amounts. */
    public boolean holds(Amounts other) {
        return other.cpus <= cpus + EPSILON && other.memMb <= memMb + EPSILON && other.gpus <= gpus;
    }

    /** "4 CPUs, 8192 MB, 2 GPUs", as messages to people say it. */
    public String describe() {
        return number(cpus) + (cpus == 1 ? " CPU, " : " CPUs, ") + number(memMb) + " MB, " + gpus + (gpus == 1 ? " GPU" : " GPUs");
    }

    private static String number(double amount) {
        return amount == Math.rint(amount) ? String.valueOf((long) amount) : String.valueOf(amount);
    }
}
