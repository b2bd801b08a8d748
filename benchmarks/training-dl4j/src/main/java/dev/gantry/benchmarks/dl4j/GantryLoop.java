package dev.gantry.benchmarks.dl4j;

import dev.gantry.training.backend.Backends;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.WorkerModel;
import java.util.List;

/**
 * The same training through Gantry's worker model, as one worker of a job runs it: gradient out
 * into a Java array, (the all-reduce would go here), the same array back in for the update.
 */
final class GantryLoop implements StepLoop {
    private final Workload workload;
    private final WorkerModel model;
    private final float[] gradients;
    private long step;

    GantryLoop(Workload workload) {
        this.workload = workload;
        this.model = Backends.find("dl4j").create(workload.spec(),
                new TrainSettings(workload.optimizer(), workload.learningRate(), workload.threads()), workload.seed(), List.of());
        this.gradients = new float[Math.toIntExact(model.parameterCount())];
    }

    @Override
    public String name() {
        return "Gantry WorkerModel";
    }

    @Override
    public void run(int steps) {
        for (int i = 0; i < steps; i++, step++) {
            model.computeGradients(workload.batch(step), gradients);
            model.applyGradients(gradients);
        }
    }

    @Override
    public float[] parameters() {
        float[] values = new float[gradients.length];
        model.readParameters(values);
        return values;
    }

    @Override
    public void close() {
        model.close();
    }
}
