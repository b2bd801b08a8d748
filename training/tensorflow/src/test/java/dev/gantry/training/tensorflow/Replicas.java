package dev.gantry.training.tensorflow;

import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.Score;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.data.SyntheticClassification;
import java.util.List;

/** Shared set-up for the backend's tests: replicas, data, a plain training loop. */
final class Replicas {
    static final TensorFlowBackend BACKEND = new TensorFlowBackend();
    /** Far from the training examples, so accuracy on it is held-out accuracy. */
    static final long HELD_OUT = 10_000_000L;

    private Replicas() {}

    static WorkerModel create(ModelSpec spec, Optimizer optimizer, double learningRate, long seed) {
        // One thread each: the tests compare replicas bit for bit, and the machine has two cores.
        return BACKEND.create(spec, new TrainSettings(optimizer, learningRate, 1), seed, List.of());
    }

    /** A replica of the concrete class, for tests of its fused and whole steps; rates that train in a few steps. */
    static TensorFlowWorker worker(ModelSpec spec, Optimizer optimizer) {
        double rate = optimizer == Optimizer.ADAM ? 0.01 : 0.1;
        // One thread: replicas are compared bit for bit.
        return TensorFlowWorker.create(spec, new TrainSettings(optimizer, rate, 1), 42, List.of());
    }



    static void train(WorkerModel model, SyntheticClassification data, int steps, int batchSize, long firstExample) {
        float[] gradients = new float[(int) model.parameterCount()];
        for (int s = 0; s < steps; s++) {
            model.computeGradients(data.batch(firstExample + (long) s * batchSize, batchSize), gradients);
            model.applyGradients(gradients);
        }
    }

    static Score heldOut(WorkerModel model, SyntheticClassification data, int examples) {
        return model.evaluate(data.batch(HELD_OUT, examples));
    }
}
