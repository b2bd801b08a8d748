package dev.gantry.benchmarks.dl4j;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * One timed run of a loop: samples per wall-clock second, and per CPU second of the calling
 * thread. With one ND4J and one BLAS thread all the work runs on the calling thread, so the
 * second figure holds still on a machine that other work shares, where wall time does not.
 */
record Timing(double samplesPerSecond, double samplesPerCpuSecond) {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static Timing of(StepLoop loop, int steps, int batchSize) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        loop.run(steps);
        double wallSeconds = (System.nanoTime() - wall) / 1e9;
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
        double samples = (double) steps * batchSize;
        return new Timing(samples / wallSeconds, samples / cpuSeconds);
    }
}
