package dev.gantry.benchmarks.spark;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One measured application on any master: {@code new SparkContext} until N executors have
 * registered with the driver, then a small job twice (the first pays for class loading and JIT
 * in fresh executors, the second shows what scheduling alone costs), then {@code sc.stop()}.
 */
final class SparkRound {
    static final int ELEMENTS = 1000;
    /** Sum of x² for x in 1..1000: n(n+1)(2n+1)/6. */
    static final long EXPECTED = (long) ELEMENTS * (ELEMENTS + 1) * (2L * ELEMENTS + 1) / 6;
    private static final Duration EXECUTOR_TIMEOUT = Duration.ofMinutes(3);
    /** Fine enough against start-ups of seconds; getExecutorIds only reads the backend's map. */
    private static final long POLL_MILLIS = 5;

    private SparkRound() {}

    static RoundResult run(SparkConf conf, int executors, double clusterStartMs) throws InterruptedException {
        long start = System.nanoTime();
        SparkContext sc = new SparkContext(conf);
        double upMs;
        double firstMs;
        double secondMs;
        try {
            awaitExecutors(sc, executors);
            upMs = millisSince(start);
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
            firstMs = timedJob(jsc, executors);
            secondMs = timedJob(jsc, executors);
        } catch (RuntimeException | InterruptedException e) {
            sc.stop();
            throw e;
        }
        long stopping = System.nanoTime();
        sc.stop();
        return new RoundResult(clusterStartMs, upMs, firstMs, secondMs, millisSince(stopping), Double.NaN);
    }

    /** Polls the driver's list of registered executors, which never includes the driver itself. */
    static void awaitExecutors(SparkContext sc, int executors) throws InterruptedException {
        long deadline = System.nanoTime() + EXECUTOR_TIMEOUT.toNanos();
        while (sc.getExecutorIds().size() < executors) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + sc.getExecutorIds().size() + " of " + executors
                        + " executors registered within " + EXECUTOR_TIMEOUT);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The job: squares summed over 2 partitions per executor; a wrong sum fails the run. */
    static double timedJob(JavaSparkContext jsc, int executors) {
        List<Integer> numbers = IntStream.rangeClosed(1, ELEMENTS).boxed().toList();
        long start = System.nanoTime();
        long sum = jsc.parallelize(numbers, executors * 2).map(x -> (long) x * x).reduce(Long::sum);
        double ms = millisSince(start);
        if (sum != EXPECTED) {
            throw new IllegalStateException("the job summed to " + sum + ", not " + EXPECTED);
        }
        return ms;
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
