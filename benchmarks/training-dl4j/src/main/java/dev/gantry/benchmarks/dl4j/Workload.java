package dev.gantry.benchmarks.dl4j;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.data.SyntheticClassification;
import java.util.ArrayList;
import java.util.List;

/**
 * What both loops train: the same MLP, optimizer, seed and batches. The batches are made before
 * timing and reused in turn, so that neither loop pays for data generation.
 */
record Workload(int inputs, List<Integer> hidden, int classes, int batchSize, Optimizer optimizer,
                double learningRate, int threads, long seed, List<Batch> batches) {

    private static final int DISTINCT_BATCHES = 16;

    static Workload of(Options options) {
        SyntheticClassification data = SyntheticClassification.separable(options.inputs(), options.classes(), options.seed());
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < DISTINCT_BATCHES; i++) {
            batches.add(data.batch((long) i * options.batch(), options.batch()));
        }
        return new Workload(options.inputs(), options.hidden(), options.classes(), options.batch(), options.optimizer(),
                options.learningRate(), options.threads(), options.seed(), List.copyOf(batches));
    }

    ModelSpec spec() {
        return ModelSpec.mlp(inputs, hidden, classes);
    }

    Batch batch(long step) {
        return batches.get((int) (step % batches.size()));
    }

    @Override
    public String toString() {
        return "mlp " + inputs + "-" + hidden.stream().map(String::valueOf).reduce((a, b) -> a + "-" + b).orElse("")
                + "-" + classes + ", batch " + batchSize + ", " + optimizer + " lr " + learningRate
                + ", threads " + (threads == 0 ? "ND4J default" : threads);
    }
}
