package dev.gantry.training.dl4j;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.data.SyntheticClassification;
import java.util.Arrays;
import java.util.List;

/** Replicas and data as the tests need them. */
final class Replicas {
    static final Dl4jBackend BACKEND = new Dl4jBackend();

    private Replicas() {}

    /** One ND4J thread: test JVMs share small, busy machines, where OpenMP's spinning threads crawl. */
    static WorkerModel create(ModelSpec spec, Optimizer optimizer, double learningRate, long seed) {
        return BACKEND.create(spec, new TrainSettings(optimizer, learningRate, 1), seed, List.of());
    }



    static Batch slice(Batch batch, int first, int count) {
        int features = batch.featureCount();
        return new Batch(Arrays.copyOfRange(batch.features(), first * features, (first + count) * features),
                Arrays.copyOfRange(batch.labels(), first, first + count), count);
    }

    static double accuracy(WorkerModel model, SyntheticClassification data, long first, int count) {
        return model.evaluate(data.batch(first, count)).accuracy();
    }
}
