package dev.gantry.training.tensorflow;

import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.TrainingBackend;
import dev.gantry.training.backend.WorkerModel;
import java.util.List;

/** TensorFlow Java (graph mode) as a Gantry training backend. */
public final class TensorFlowBackend implements TrainingBackend {

    @Override
    public String name() {
        return "tensorflow";
    }

    @Override
    public WorkerModel create(ModelSpec model, TrainSettings settings, long seed, List<Integer> gpus) {
        return TensorFlowWorker.create(model, settings, seed, gpus);
    }
}
