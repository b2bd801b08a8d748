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
import java.util.stream.Collectors;

/**
 * Training steps per second of one TensorFlow replica driven by Gantry against a plain TensorFlow
 * Java loop (one session run of a minimize op), same MLP, same data, same threads. Two Gantry
 * sides: the worker of a one-worker job (its {@code SyncStep}, which with no peers takes the step
 * in one session run), and the path every worker with peers takes minus the network (the
 * gradient copied out to Java and back in, the update applied inside the next gradient run).
 * Each round runs all sides back to back, in an order that turns every round, so the median of
 * the per-round ratios resists load from other processes better than the ratio of the medians.
 *
 * <p>Arguments: {@code [rounds] [steps per round] [warm-up steps] [batch]}, default {@code 9 1000 200 128}.
 * The exchange path's cost is about fixed per step (the gradient crosses into Java and back), so
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
                        + "Java %s, %d processors%n", FEATURES, HIDDEN.stream().map(String::valueOf).collect(Collectors.joining("-")), CLASSES, batch, THREADS, rounds, steps, warmUp,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        ModelSpec spec = ModelSpec.mlp(FEATURES, HIDDEN, CLASSES);
        try (TrainingLoop plain = new PlainTensorFlowLoop(FEATURES, HIDDEN, CLASSES, LEARNING_RATE, THREADS, SEED);
             TrainingLoop worker = new GantryWorkerLoop(spec, LEARNING_RATE, THREADS, SEED, batch);
             TrainingLoop exchange = new GantryExchangeLoop(spec, LEARNING_RATE, THREADS, SEED)) {
            List<TrainingLoop> loops = List.of(plain, worker, exchange);
            for (TrainingLoop loop : loops) {
                timing.warmUp(loop, warmUp);
            }
            long rssBefore = residentKiB();
            double[][] samplesPerSecond = timing.measure(loops, rounds);
            long rssAfter = residentKiB();
            print(loops, samplesPerSecond, batch);
            if (rssBefore > 0) {
                System.out.printf(Locale.ROOT, "resident memory during the measured rounds: %d MiB -> %d MiB%n",
                        rssBefore / 1024, rssAfter / 1024);
            }
        }
    }

    /** Samples/s per round and side, their medians, and each Gantry side's ratio to the plain loop (side 0). */
    private static void print(List<TrainingLoop> loops, double[][] samplesPerSecond, int batch) {
        int rounds = samplesPerSecond[0].length;
        System.out.printf(Locale.ROOT, "%-6s", "round");
        for (TrainingLoop loop : loops) {
            System.out.printf(Locale.ROOT, " %28s", loop.name() + " (samples/s)");
        }
        System.out.println();
        for (int r = 0; r < rounds; r++) {
            System.out.printf(Locale.ROOT, "%-6d", r + 1);
            for (double[] side : samplesPerSecond) {
                System.out.printf(Locale.ROOT, " %28.0f", side[r]);
            }
            System.out.println();
        }
        double[] medians = new double[loops.size()];
        System.out.printf(Locale.ROOT, "%-6s", "median");
        for (int k = 0; k < loops.size(); k++) {
            medians[k] = Rounds.median(samplesPerSecond[k]);
            System.out.printf(Locale.ROOT, " %28.0f", medians[k]);
        }
        System.out.println();
        for (int k = 1; k < loops.size(); k++) {
            double[] paired = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                paired[r] = samplesPerSecond[k][r] / samplesPerSecond[0][r];
            }
            System.out.printf(Locale.ROOT, "ratio %s / %s: %.3f (of the medians), %.3f (median of the per-round ratios)%n",
                    loops.get(k).name(), loops.get(0).name(), medians[k] / medians[0], Rounds.median(paired));
        }
        System.out.printf(Locale.ROOT, "per step (ms):");
        for (int k = 0; k < loops.size(); k++) {
            System.out.printf(Locale.ROOT, " %s %.3f%s", loops.get(k).name(), 1000.0 * batch / medians[k], k + 1 < loops.size() ? "," : "");
        }
        System.out.println();
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
