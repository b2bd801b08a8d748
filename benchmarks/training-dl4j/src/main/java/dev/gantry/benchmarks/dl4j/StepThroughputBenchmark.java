package dev.gantry.benchmarks.dl4j;

import dev.gantry.training.backend.Optimizer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What Gantry's split step costs a DL4J worker: samples per second of the same MLP trained (a) by
 * a plain single-process DL4J loop ({@code network.fit(dataSet)}) and (b) by the worker of a
 * one-worker Gantry job ({@code SyncStep}: {@code computeGradients} then {@code applyGradients}).
 * The loops run in alternating rounds in one JVM, the order flipping each round so that drift and
 * background load fall on both; the medians over rounds are reported, and the ratio (b)/(a).
 *
 * <p>Usage: {@code OMP_NUM_THREADS=1 java -jar benchmarks/training-dl4j/target/benchmarks-dl4j.jar
 * [--optimizer=SGD|MOMENTUM|ADAM] [--threads=1] [--batch=128] [--hidden=256,128] [--rounds=15]
 * [--warmup=3] [--steps=40]}. ND4J 1.0.0-M2.1 fixes its op threads from {@code OMP_NUM_THREADS} at
 * start; {@code --threads} limits BLAS only.
 */
public final class StepThroughputBenchmark {
    private StepThroughputBenchmark() {}

    public static void main(String[] args) {
        Options options = Options.parse(args);
        Workload workload = Workload.of(options);
        // Gantry applies the thread count when the replica is made; ND4J's counts are per process,
        // so the plain loop runs under the same ones.
        try (StepLoop gantry = new GantryLoop(workload); StepLoop plain = new PlainDl4jLoop(workload)) {
            int opThreads = Nd4j.getEnvironment().maxThreads();
            int blasThreads = Nd4j.factory().blas().getMaxThreads();
            System.out.printf("DL4J step throughput: %s; ND4J op threads %d, BLAS threads %d, %d cores, Java %s%n",
                    workload, opThreads, blasThreads, Runtime.getRuntime().availableProcessors(), Runtime.version());
            System.out.printf("%d rounds of %d steps per loop after %d warm-up rounds%n",
                    options.rounds(), options.steps(), options.warmupRounds());
            Rounds plainWall = new Rounds(options.rounds());
            Rounds gantryWall = new Rounds(options.rounds());
            Rounds wallRatio = new Rounds(options.rounds());
            Rounds plainCpu = new Rounds(options.rounds());
            Rounds gantryCpu = new Rounds(options.rounds());
            Rounds cpuRatio = new Rounds(options.rounds());
            for (int round = -options.warmupRounds(); round < options.rounds(); round++) {
                boolean plainFirst = Math.floorMod(round, 2) == 0;
                Timing first = Timing.of(plainFirst ? plain : gantry, options.steps(), workload.batchSize());
                Timing second = Timing.of(plainFirst ? gantry : plain, options.steps(), workload.batchSize());
                Timing p = plainFirst ? first : second;
                Timing g = plainFirst ? second : first;
                if (round >= 0) {
                    plainWall.set(round, p.samplesPerSecond());
                    gantryWall.set(round, g.samplesPerSecond());
                    wallRatio.set(round, g.samplesPerSecond() / p.samplesPerSecond());
                    plainCpu.set(round, p.samplesPerCpuSecond());
                    gantryCpu.set(round, g.samplesPerCpuSecond());
                    cpuRatio.set(round, g.samplesPerCpuSecond() / p.samplesPerCpuSecond());
                }
                System.out.printf("%s %d: plain %.0f samples/s (%.0f per CPU s), gantry %.0f samples/s (%.0f per CPU s), ratio %.3f (CPU %.3f)%n",
                        round < 0 ? "warm-up" : "round", round < 0 ? round + options.warmupRounds() + 1 : round + 1,
                        p.samplesPerSecond(), p.samplesPerCpuSecond(), g.samplesPerSecond(), g.samplesPerCpuSecond(),
                        g.samplesPerSecond() / p.samplesPerSecond(), g.samplesPerCpuSecond() / p.samplesPerCpuSecond());
            }
            System.out.printf("median wall: (a) plain DL4J fit %.0f samples/s, (b) Gantry worker %.0f samples/s, ratio (b)/(a) %.3f;"
                    + " median of per-round ratios %.3f (min %.3f, max %.3f)%n",
                    plainWall.median(), gantryWall.median(), gantryWall.median() / plainWall.median(),
                    wallRatio.median(), wallRatio.min(), wallRatio.max());
            if (opThreads == 1 && blasThreads == 1) {
                System.out.printf("median per CPU second: (a) %.0f, (b) %.0f samples, ratio (b)/(a) %.3f;"
                        + " median of per-round ratios %.3f (min %.3f, max %.3f)%n",
                        plainCpu.median(), gantryCpu.median(), gantryCpu.median() / plainCpu.median(),
                        cpuRatio.median(), cpuRatio.min(), cpuRatio.max());
            }
            if (options.optimizer() != Optimizer.MOMENTUM) {
                // Same seed, updater and batches in the same order: both loops must end equal.
                System.out.printf("same work: max |parameter difference| after %d steps each = %.3g%n",
                        (options.rounds() + options.warmupRounds()) * options.steps(),
                        maxDifference(plain.parameters(), gantry.parameters()));
            }
        }
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
