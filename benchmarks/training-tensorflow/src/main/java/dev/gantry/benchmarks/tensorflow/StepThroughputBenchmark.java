package dev.gantry.benchmarks.tensorflow;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.data.SyntheticClassification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Training steps per second of one TensorFlow replica driven through Gantry's {@code WorkerModel}
 * (gradient out, update in: one session run, as the update is applied inside the next gradient
 * run, and two copies of the flat gradient per step)
 * against a plain TensorFlow Java loop (one session run of a minimize op), same MLP, same data,
 * same threads. The ratio is Gantry's per-step overhead without the network. Both sides of a round
 * run back to back, so the median of the per-round ratios resists load from other processes
 * better than the ratio of the medians.
 *
 * <p>Arguments: {@code [rounds] [steps per round] [warm-up steps] [batch]}, default {@code 9 1000 200 128}.
 * Gantry's overhead is about fixed per step (the flat gradient crosses into Java and back), so
 * the batch decides how much of a step it is.
 */
public final class StepThroughputBenchmark {
    static final int FEATURES = 784;
    static final List<Integer> HIDDEN = List.of(256, 128);
    static final int CLASSES = 10;
    static final int DEFAULT_BATCH = 128;
    static final int THREADS = 1;
    static final float LEARNING_RATE = 0.01f;
    static final long SEED = 42;

    private StepThroughputBenchmark() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_BATCH;

        SyntheticClassification data = SyntheticClassification.separable(FEATURES, CLASSES, SEED);
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            batches.add(data.batch((long) i * batch, batch));
        }
        Rounds timing = new Rounds(batches, steps);
        System.out.printf(Locale.ROOT, "MLP %d-%s-%d, batch %d, SGD, %d intra/inter-op thread(s); %d rounds x %d steps after %d warm-up steps; "
                        + "Java %s, %d processors%n", FEATURES, HIDDEN.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("-")), CLASSES, batch, THREADS, rounds, steps, warmUp,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        try (TrainingLoop plain = new PlainTensorFlowLoop(FEATURES, HIDDEN, CLASSES, LEARNING_RATE, THREADS, SEED);
             TrainingLoop gantry = new GantryWorkerLoop(ModelSpec.mlp(FEATURES, HIDDEN, CLASSES), LEARNING_RATE, THREADS, SEED)) {
            List<TrainingLoop> loops = List.of(plain, gantry);
            for (TrainingLoop loop : loops) {
                timing.warmUp(loop, warmUp);
            }
            long rssBefore = residentKiB();
            double[][] samplesPerSecond = timing.measure(loops, rounds);
            long rssAfter = residentKiB();

            System.out.printf(Locale.ROOT, "%-6s %24s %24s%n", "round", plain.name() + " (samples/s)", gantry.name() + " (samples/s)");
            for (int r = 0; r < rounds; r++) {
                System.out.printf(Locale.ROOT, "%-6d %24.0f %24.0f%n", r + 1, samplesPerSecond[0][r], samplesPerSecond[1][r]);
            }
            double plainMedian = Rounds.median(samplesPerSecond[0]);
            double gantryMedian = Rounds.median(samplesPerSecond[1]);
            System.out.printf(Locale.ROOT, "%-6s %24.0f %24.0f%n", "median", plainMedian, gantryMedian);
            double[] paired = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                paired[r] = samplesPerSecond[1][r] / samplesPerSecond[0][r];
            }
            System.out.printf(Locale.ROOT, "ratio Gantry / plain: %.3f (of the medians), %.3f (median of the per-round ratios)%n",
                    gantryMedian / plainMedian, Rounds.median(paired));
            System.out.printf(Locale.ROOT, "per step: plain %.3f ms, Gantry %.3f ms%n",
                    1000.0 * batch / plainMedian, 1000.0 * batch / gantryMedian);
            if (rssBefore > 0) {
                System.out.printf(Locale.ROOT, "resident memory during the measured rounds: %d MiB -> %d MiB%n",
                        rssBefore / 1024, rssAfter / 1024);
            }
        }
    }

    /** VmRSS of this process, or -1 off Linux: a leak of native tensors shows as steady growth. */
    private static long residentKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
