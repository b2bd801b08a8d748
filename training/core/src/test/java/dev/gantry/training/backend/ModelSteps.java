package dev.gantry.training.backend;

/** A plain training loop's pieces on one replica, for every backend's tests. */
public final class ModelSteps {
    private ModelSteps() {}

    public static float[] parameters(WorkerModel model) {
        float[] values = new float[(int) model.parameterCount()];
        model.readParameters(values);
        return values;
    }

    /** One synchronous step on one replica: gradient of the batch, then the update. */
    public static float step(WorkerModel model, Batch batch) {
        float[] gradients = new float[(int) model.parameterCount()];
        float loss = model.computeGradients(batch, gradients);
        model.applyGradients(gradients);
        return loss;
    }
}
