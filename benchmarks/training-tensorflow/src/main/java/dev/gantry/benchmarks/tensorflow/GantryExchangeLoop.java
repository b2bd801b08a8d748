package dev.gantry.benchmarks.tensorflow;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.tensorflow.TensorFlowBackend;
import java.util.List;

/**
 * The per-step work of a worker that has peers, minus the network: the flat gradient out of the
 * model into Java, then (un-reduced here) back in as one optimizer step.
 */
final class GantryExchangeLoop implements TrainingLoop {
    private final WorkerModel model;
    private final float[] gradients;

    GantryExchangeLoop(ModelSpec spec, float learningRate, int threads, long seed) {
        model = new TensorFlowBackend().create(spec, new TrainSettings(Optimizer.SGD, learningRate, threads), seed, List.of());
        gradients = new float[Math.toIntExact(model.parameterCount())];
    }

    @Override
    public String name() {
        return "Gantry, gradient via Java";
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
