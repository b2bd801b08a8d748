package dev.gantry.benchmarks.dl4j;

/** One way of running training steps over the workload's batches, timed by the benchmark. */
interface StepLoop extends AutoCloseable {
    String name();

    /** Runs {@code steps} training steps, continuing through the batches where the last call stopped. */
    void run(int steps);

    /** The parameters now, to check that both loops did the same work. */
    float[] parameters();

    @Override
    void close();
}
