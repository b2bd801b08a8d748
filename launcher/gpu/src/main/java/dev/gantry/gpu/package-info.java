/**
 * The machine's NVIDIA GPUs as CUDA's driver API sees them (through JCuda), for executor GPU
 * discovery, the embedded cluster's agents and {@code gantry bench gpu}. Pure JDK plus JCuda, no
 * Spark: the GPU benchmark runs from a small bundle of jars on machines without Maven.
 *
 * <p>The driver API needs only the NVIDIA driver ({@code libcuda.so.1}), not a CUDA toolkit.
 * Without one, everything here answers "no GPUs" with a one-line reason instead of throwing.
 */
package dev.gantry.gpu;
