package dev.gantry.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;

/** Waiting on a test's SparkContext: its running tasks, its end. */
final class SparkJobs {
    private SparkJobs() {}

    /** A job of {@code tasks} tasks that never end by themselves (each sleeps ten minutes): for kills. */
    static CompletableFuture<Long> endless(JavaSparkContext jsc, int tasks) {
        return CompletableFuture.supplyAsync(() -> jsc.parallelize(range(tasks), tasks).map(x -> {
            Thread.sleep(600_000);
            return x;
        }).count());
    }

    /**
     * A job of {@code tasks} tasks that each wait until {@code release} exists, then return the
     * executor they ran on: a fault strikes while they hold, and the test says when they end.
     */
    static CompletableFuture<List<String>> heldUntil(JavaSparkContext jsc, int tasks, Path release) {
        String flag = release.toString();
        return CompletableFuture.supplyAsync(() -> jsc.parallelize(range(tasks), tasks).map(i -> {
            while (!Files.exists(Path.of(flag))) {
                Thread.sleep(100);
            }
            return SparkEnv.get().executorId();
        }).collect());
    }

    private static List<Integer> range(int n) {
        return java.util.stream.IntStream.range(0, n).boxed().toList();
    }

    /** A context on {@code master} for {@code executors} small executors, driver and everything on loopback. */
    static JavaSparkContext context(String master, String appName, int executors) {
        return new JavaSparkContext(conf(master, appName, executors));
    }

    /** What {@link #context} sets, for a test to add its own settings to. */
    static org.apache.spark.SparkConf conf(String master, String appName, int executors) {
        return new org.apache.spark.SparkConf().setMaster(master).setAppName(appName)
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.executor.memory", "512m")
                .set("spark.executor.instances", String.valueOf(executors));
    }

    /**
     * Stops the context unless it is stopping already, and waits until it is gone: a context that
     * stops itself on its own thread is still the JVM's active one for a moment after isStopped().
     */
    static void stopped(JavaSparkContext jsc) throws InterruptedException {
        jsc.stop();
        await("the SparkContext to be gone", Duration.ofSeconds(30),
                () -> org.apache.spark.SparkContext$.MODULE$.getActive().isEmpty());
    }

    static int activeTasks(JavaSparkContext jsc) {
        int active = 0;
        for (int stage : jsc.sc().statusTracker().getActiveStageIds()) {
            scala.Option<SparkStageInfo> info = jsc.sc().statusTracker().getStageInfo(stage);
            if (info.isDefined()) {
                active += info.get().numActiveTasks();
            }
        }
        return active;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
