package dev.gantry.training.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * One worker's replica of the model. Gantry's training loop drives it; the backend only computes.
 * Synchronous data parallelism needs the gradient and the update apart: each step the loop
 * calls {@link #computeGradients}, all-reduces the flat gradient across workers, then calls
 * {@link #applyGradients} with the same averaged gradient on every worker, so that replicas
 * that start equal stay equal. A worker with nothing to exchange calls {@link #trainStep}.
 *
 * <p>The flat layout (parameters and gradients) is the backend's own but fixed for a model: the
 * same model spec gives the same {@link #parameterCount()} and order on every worker.
 */
public interface WorkerModel extends AutoCloseable {

    long parameterCount();

    /**
     * Computes the gradient of the batch's mean loss with respect to every trainable parameter
     * into the first {@link #parameterCount()} values of {@code gradients}, without changing the
     * model. The array may be longer; the caller's values after the gradient are left alone (the
     * training loop keeps the loss there, to all-reduce it with the gradient).
     *
     * @return the batch's mean loss
     */
    float computeGradients(Batch batch, float[] gradients);

    /**
     * One optimizer step with the first {@link #parameterCount()} values of {@code gradients} as the
     * gradient; advances the optimizer's own state (momentum, Adam moments, step).
     */
    void applyGradients(float[] gradients);

    /**
     * One optimizer step with the batch's own gradient, as a worker without peers takes it: what
     * {@link #computeGradients} then {@link #applyGradients} of that gradient do, and the default
     * does just that through {@code scratch}. A backend may instead keep the gradient inside the
     * framework (TensorFlow then takes the step in one session run with nothing copied).
     *
     * @param scratch at least {@link #parameterCount()} values the step may overwrite
     * @return the batch's mean loss
     */
    default float trainStep(Batch batch, float[] scratch) {
        float loss = computeGradients(batch, scratch);
        applyGradients(scratch);
        return loss;
    }

    /**
     * The check every backend makes of a gradient array: at least {@code parameterCount} values
     * (it may be longer, see {@link #computeGradients}).
     */
    static void checkGradient(float[] gradients, long parameterCount) {
        if (gradients.length < parameterCount) {
            throw new IllegalArgumentException("gradients has " + gradients.length + " values, fewer than the model's "
                    + parameterCount + " parameters");
        }
    }

    /** Copies the trainable parameters into {@code into} (length {@link #parameterCount()}). */
    void readParameters(float[] into);

    /** Replaces the trainable parameters with {@code from}; optimizer state is kept. */
    void writeParameters(float[] from);

    /** Loss and correct predictions over the batch, without changing the model. */
    Score evaluate(Batch batch);

    /** Class probabilities, {@code size x classes} row-major. */
    float[] predict(float[] features, int size);

    /** Parameters and optimizer state, enough for {@link #readCheckpoint} to continue training exactly. */
    void writeCheckpoint(OutputStream out) throws IOException;

    void readCheckpoint(InputStream in) throws IOException;

    /**
     * Writes the model in the framework's own format into {@code dir}, which exists and is
     * empty (a TensorFlow SavedModel; a DL4J model zip), for use outside Gantry.
     */
    void export(Path dir) throws IOException;

    @Override
    void close();
}
