package dev.gantry.benchmarks.tensorflow;

import dev.gantry.training.scenarios.WeakScaling;
import java.io.IOException;

/**
 * Weak scaling of TensorFlow training through Gantry's {@code DistributedTrainer} on
 * {@code local[2]}: samples/s of one worker against two, one intra/inter-op thread each (see
 * {@link WeakScaling}).
 *
 * <p>Usage: {@code java $SPARK_OPTS -cp benchmarks/training-tensorflow/target/benchmarks-tensorflow.jar
 * dev.gantry.benchmarks.tensorflow.ScalingBenchmark [--batch=128] [--steps=50] [--epochs=5] [--rounds=5]},
 * where {@code SPARK_OPTS} holds the root pom's {@code spark.jvm.options}.
 */
public final class ScalingBenchmark {
    private ScalingBenchmark() {}

    public static void main(String[] args) throws IOException {
        WeakScaling.run("tensorflow", args);
    }
}
