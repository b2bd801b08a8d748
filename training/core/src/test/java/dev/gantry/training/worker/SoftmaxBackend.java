package dev.gantry.training.worker;

import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.TrainingBackend;
import dev.gantry.training.backend.WorkerModel;
import java.util.List;

/** Serves {@link SoftmaxRegression} under the name {@code softmax-test} so core's Spark layer can be tested without a framework. */
public final class SoftmaxBackend implements TrainingBackend {
    @Override
    public String name() {
        return "softmax-test";
    }

    @Override
    public WorkerModel create(ModelSpec model, TrainSettings settings, long seed, List<Integer> gpus) {
        return new SoftmaxRegression(model.featureCount(), model.classes(), (float) settings.learningRate(), seed);
    }
}
