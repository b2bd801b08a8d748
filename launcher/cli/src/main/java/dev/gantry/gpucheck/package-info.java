/**
 * The GPU check behind {@code gantry cluster check}: a small application of the scheduler client
 * ({@code dev.gantry.mesos}) that launches one task per GPU on every agent offered and reports
 * what each task saw. Offers are read and answered as the Spark backend does ({@code
 * dev.gantry.offers}, {@code dev.gantry.placement}), so reserved resources are asked for in their
 * reservation. Knows nothing of the command line, jobs or Spark.
 */
package dev.gantry.gpucheck;
