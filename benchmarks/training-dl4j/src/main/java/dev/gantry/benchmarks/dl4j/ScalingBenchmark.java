package dev.gantry.benchmarks.dl4j;

import dev.gantry.training.scenarios.WeakScaling;
import java.io.IOException;

/**
 * Weak scaling of DL4J training through Gantry's {@code DistributedTrainer} on {@code local[2]}:
 * samples/s of one worker against two, one ND4J thread each (see {@link WeakScaling}).
 *
 * <p>Usage: {@code OMP_NUM_THREADS=1 java $SPARK_OPTS -cp benchmarks/training-dl4j/target/benchmarks-dl4j.jar
 * dev.gantry.benchmarks.dl4j.ScalingBenchmark [--batch=128] [--steps=50] [--epochs=5] [--rounds=5]},
 * where {@code SPARK_OPTS} holds the root pom's {@code spark.jvm.options}. ND4J fixes its op
 * threads from {@code OMP_NUM_THREADS} at start; the job's one thread limits BLAS only.
 */
public final class ScalingBenchmark {
    private ScalingBenchmark() {}

    public static void main(String[] args) throws IOException {
        if (!"1".equals(System.getenv("OMP_NUM_THREADS"))) {
            System.err.println("warning: OMP_NUM_THREADS is not 1, so each worker may use more than one ND4J op thread");
        }
        WeakScaling.run("dl4j", args);
    }
}
