package dev.gantry.benchmarks.dl4j;

import dev.gantry.training.backend.Backends;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.collective.SoloCollectives;
import dev.gantry.training.worker.SyncStep;
import java.util.List;

/**
 * The same training through Gantry's worker model, as the worker of a one-worker job runs it: its
 * {@link SyncStep}, which on DL4J takes the gradient out into a Java array and the same array
 * back in for the update (nothing to all-reduce without peers).
 */
final class GantryLoop implements StepLoop {
    private final Workload workload;
    private final WorkerModel model;
    private final SyncStep sync;
    private long step;

    GantryLoop(Workload workload) {
        this.workload = workload;
        this.model = Backends.find("dl4j").create(workload.spec(),
                new TrainSettings(workload.optimizer(), workload.learningRate(), workload.threads()), workload.seed(), List.of());
        this.sync = new SyncStep(model, new SoloCollectives(), workload.batchSize());
    }

    @Override
    public String name() {
        return "Gantry worker";
    }

    @Override
    public void run(int steps) {
        for (int i = 0; i < steps; i++, step++) {
            sync.run(workload.batch(step));
        }
    }

    @Override
    public float[] parameters() {
        float[] values = new float[Math.toIntExact(model.parameterCount())];
        model.readParameters(values);
        return values;
    }

    @Override
    public void close() {
        model.close();
    }
}
