package dev.gantry.placement;

/**
 * An exact amount of one resource ({@code cpus}, {@code mem} or {@code gpus}) taken from one
 * reservation of an offer: what a Mesos TaskInfo lists.
 */
public record ResourceSlice(String name, String reservationRole, boolean revocable, double amount) {}
