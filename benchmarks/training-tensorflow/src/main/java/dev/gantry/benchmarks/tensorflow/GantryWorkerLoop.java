package dev.gantry.benchmarks.tensorflow;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.collective.SoloCollectives;
import dev.gantry.training.tensorflow.TensorFlowBackend;
import dev.gantry.training.worker.SyncStep;
import java.util.List;

/** A step of a one-worker Gantry job: the worker loop's own {@link SyncStep}, with no peers to exchange with. */
final class GantryWorkerLoop implements TrainingLoop {
    private final WorkerModel model;
    private final SyncStep step;

    GantryWorkerLoop(ModelSpec spec, float learningRate, int threads, long seed, int batch) {
        model = new TensorFlowBackend().create(spec, new TrainSettings(Optimizer.SGD, learningRate, threads), seed, List.of());
        step = new SyncStep(model, new SoloCollectives(), batch);
    }

    @Override
    public String name() {
        return "Gantry worker";
    }

    @Override
    public float step(Batch batch) {
        return (float) step.run(batch);
    }

    @Override
    public void close() {
        model.close();
    }
}
