/**
 * Mesos offers in the placement engine's terms, and back: {@link dev.gantry.offers.OfferViews}
 * reads an offer as {@code dev.gantry.placement} sees it (CPUs, memory and GPUs per reservation,
 * attributes as text), and {@link dev.gantry.offers.OfferPool} turns the slices placement chose
 * into the offered resources a task must echo, reservations included. The one resource arithmetic
 * of every Gantry scheduler: the Spark backend and the GPU check.
 *
 * <p>Depends on {@code dev.gantry.placement}, {@code dev.gantry.protocol} and the Mesos protos;
 * knows nothing of Spark.
 */
package dev.gantry.offers;
