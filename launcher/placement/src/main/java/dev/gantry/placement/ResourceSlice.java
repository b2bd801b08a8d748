package dev.gantry.placement;

/**
 * An exact amount of one resource ({@code cpus}, {@code mem} or {@code gpus}) taken from one
 * reservation of an offer: what a Mesos TaskInfo lists.
 */
public record ResourceSlice(String name, String reservationRole, boolean revocable, double amount) {
    // Placement depends on nothing, so it spells the three names it places itself; they are Mesos'
    // (dev.gantry.protocol.ResourceNames), and ResourceNamesTest keeps the two the same.
    public static final String CPUS = "cpus";
    public static final String MEM = "mem";
    public static final String GPUS = "gpus";
}
