/**
 * Spark 4 on Mesos: a cluster manager for {@code mesos://host:port} masters, found by Spark
 * through ServiceLoader, and its scheduler backend, which subscribes with Gantry's Mesos client,
 * decides every launch with {@code dev.gantry.placement}, and starts executors as Mesos tasks
 * built from small steps. Executors discover the GPUs Mesos gave them, so Spark's standard GPU
 * settings mean on Mesos what they mean on YARN or Kubernetes.
 */
package dev.gantry.spark;
