package dev.gantry.benchmarks.tensorflow;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.tensorflow.TensorFlowBackend;
import java.util.List;

/**
 * Gantry's per-step work on one worker, minus the network: the flat gradient out of the model,
 * then the (here un-reduced) gradient back in as one optimizer step.
 */
final class GantryWorkerLoop implements TrainingLoop {
    private final WorkerModel model;
    private final float[] gradients;

    GantryWorkerLoop(ModelSpec spec, float learningRate, int threads, long seed) {
        model = new TensorFlowBackend().create(spec, new TrainSettings(Optimizer.SGD, learningRate, threads), seed, List.of());
        gradients = new float[Math.toIntExact(model.parameterCount())];
    }

    @Override
    public String name() {
        return "Gantry WorkerModel";
    }

    @Override
    public float step(Batch batch) {
        float loss = model.computeGradients(batch, gradients);
        model.applyGradients(gradients);
        return loss;
    }

    @Override
    public void close() {
        model.close();
    }
}
