package dev.gantry.training.collective;

/**
 * How a buffer of {@code length} elements splits into one segment per worker. Sizes differ by at
 * most one element; with fewer elements than workers some segments are empty, which the ring
 * algorithms simply skip (every worker computes the same split, so both ends of a link agree).
 */
final class Segments {
    private Segments() {}

    /** First element of segment {@code k} of {@code parts}; {@code start(parts)} is {@code length}. */
    static int start(int k, int length, int parts) {
        return (int) ((long) k * length / parts);
    }

    /** {@code a mod n} in 0..n-1, for ring positions such as "rank - step". */
    static int mod(int a, int n) {
        return Math.floorMod(a, n);
    }
}
