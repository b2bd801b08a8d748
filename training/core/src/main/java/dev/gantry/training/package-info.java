/**
 * Distributed data-parallel training on any Spark master.
 *
 * <p>This package never imports {@code dev.gantry} launcher packages: training must run unchanged
 * on YARN, Kubernetes or standalone Spark. The backend SPI, collectives, data readers, checkpoints
 * and the Spark ML estimator arrive here with the distributed-training work; until then the module
 * only fixes the build's shape and the dependency direction.
 */
package dev.gantry.training;
