package dev.gantry.benchmarks.spark;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Spark executors on Gantry's embedded Mesos cluster against Spark's own local-cluster mode, in
 * one run: the time from {@code new SparkContext} until N executors have registered, and a small
 * job once they have. Rounds alternate which mode goes first; one unmeasured warm-up round per
 * mode first loads the driver's Spark classes, so that no measured round pays for it.
 *
 * <p>Spark's standalone worker finds its SPARK_HOME in the environment only (or, in Spark's own
 * tests, in {@code spark.test.home} under {@code spark.testing}, which changes other behaviour),
 * and a JVM cannot change its own environment. So the benchmark builds a {@link FakeSparkHome}
 * and runs itself again, with the same JVM options and classpath, in a child JVM whose
 * environment names it. Both modes run in that child.
 *
 * <p>Usage: {@code java <Spark's JVM flags> -cp benchmarks.jar dev.gantry.benchmarks.spark.SparkStartupBenchmark [N] [rounds]};
 * with {@code -Dgantry.benchmarks.realMesos=mesos://HOST:PORT} a real Mesos master is measured in the
 * same rounds ({@code benchmarks/real-mesos.sh} starts one).
 */
public final class SparkStartupBenchmark {
    static final String HOME_PROPERTY = "gantry.benchmarks.sparkHome";
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(60);

    private SparkStartupBenchmark() {}

    public static void main(String[] args) throws Exception {
        int executors = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || !home.equals(System.getenv("SPARK_HOME"))) {
            System.exit(relaunchWithFakeSparkHome(args));
        }
        System.out.printf("Spark startup benchmark: %d executors of 1 core and 1024 MB, %d rounds per mode, %d cores,"
                + " Spark %s, Java %s%n", executors, rounds, Runtime.getRuntime().availableProcessors(),
                org.apache.spark.package$.MODULE$.SPARK_VERSION(), System.getProperty("java.version"));
        List<StartupMode> modes = new ArrayList<>(List.of(new EmbeddedMesosMode(), new LocalClusterMode()));
        String realMesos = System.getProperty(RealMesosMode.MASTER_PROPERTY);
        if (realMesos != null) {
            modes.add(new RealMesosMode(realMesos));
        }
        for (StartupMode mode : modes) {
            awaitNoChildProcesses();
            RoundResult warmUp = mode.round(executors);
            System.out.printf("warm-up, %s: executors up in %.0f ms%n", mode.name(), warmUp.executorsUpMs());
        }
        Map<String, List<RoundResult>> results = new LinkedHashMap<>();
        modes.forEach(mode -> results.put(mode.name(), new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            // Alternate the order so that neither mode always runs right after the other's teardown.
            List<StartupMode> order = new ArrayList<>(modes);
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (StartupMode mode : order) {
                awaitNoChildProcesses();
                double load = loadAverage();
                RoundResult result = mode.round(executors).withLoadAverage(load);
                results.get(mode.name()).add(result);
                System.out.printf("round %d, %s: executors up %.0f ms, first job %.0f ms, second job %.0f ms"
                        + " (load %.2f)%n", round, mode.name(), result.executorsUpMs(), result.firstJobMs(),
                        result.secondJobMs(), load);
            }
        }
        System.out.println();
        System.out.print(ResultsTables.perRound(results));
        System.out.println();
        System.out.print(ResultsTables.medians(results, modes.get(0).name(), modes.get(1).name()));
        if (realMesos != null) {
            System.out.print(ResultsTables.ratioRow(results, modes.get(2).name(), modes.get(0).name()));
        }
    }

    /**
     * Executors of the last round must be gone before the next starts: on two cores a dying
     * executor JVM would slow the next round's start-up. Also collects the driver's garbage.
     */
    private static void awaitNoChildProcesses() throws InterruptedException {
        long deadline = System.nanoTime() + QUIET_TIMEOUT.toNanos();
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("executor processes of the last round still run after " + QUIET_TIMEOUT);
            }
            Thread.sleep(50);
        }
        System.gc();
    }

    /**
     * Both modes hand the driver's classpath to executors that run in other working directories
     * (a Mesos sandbox, a worker's work folder), so a relative entry such as
     * {@code benchmarks/target/benchmarks.jar} must become absolute first.
     */
    private static String absoluteClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The 1-minute load average, or NaN where the OS does not tell. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static int relaunchWithFakeSparkHome(String[] args) throws Exception {
        Path home = FakeSparkHome.create();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-D" + HOME_PROPERTY + "=" + home);
        command.add("-cp");
        command.add(absoluteClasspath());
        command.add(SparkStartupBenchmark.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", FakeSparkHome.scalaVersion());
        int exit = builder.start().waitFor();
        if (exit == 0) {
            FakeSparkHome.delete(home);
        } else {
            System.err.println("kept " + home + " for the local-cluster executors' logs under work/");
        }
        return exit;
    }
}
