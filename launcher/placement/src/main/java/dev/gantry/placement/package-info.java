/**
 * GPU-aware placement, pure: offers, a job's demand and the cluster state in, a {@link
 * dev.gantry.placement.Plan} out. No I/O, no clock (time is an argument), no Spark, HTTP or
 * protobuf types, so that it is fast and testable by properties. Policies (binpack, spread) and
 * constraints sit behind small interfaces, as Fenzo keeps its fitness calculators and constraint
 * evaluators.
 */
package dev.gantry.placement;
