package dev.gantry.training.dl4j;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.Score;
import dev.gantry.training.backend.WorkerModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J replica driven step by step. DL4J's {@code fit} is one fused step (backprop, updater,
 * parameter update, counters, constraints); this class splits it where synchronous data
 * parallelism needs the gradient: {@link #computeGradients} is the first part, and
 * {@link #applyGradients} the rest in the order DL4J's {@code StochasticGradientDescent} runs it.
 * Like a DL4J network, a replica is driven by one thread at a time.
 */
final class Dl4jWorkerModel implements WorkerModel {
    static final String EXPORT_FILE = "model.zip";

    private final Network network;
    private final Inputs inputs;
    private final DevicePin device;
    private final FlatGradient gradient;
    private final int parameterCount;

    Dl4jWorkerModel(Network network, Inputs inputs, DevicePin device) {
        this.network = network;
        this.inputs = inputs;
        this.device = device;
        this.gradient = new FlatGradient(network);
        this.parameterCount = Math.toIntExact(network.parameters().length());
    }

    Network network() {
        return network;
    }

    @Override
    public long parameterCount() {
        return parameterCount;
    }

    @Override
    public float computeGradients(Batch batch, float[] gradients) {
        WorkerModel.checkGradient(gradients, parameterCount);
        inputs.check(batch);
        device.enter();
        try {
            double loss = network.computeGradientAndScore(inputs.features(batch), inputs.labels(batch));
            gradient.readMean(gradients, batch.size());
            return (float) loss;
        } finally {
            network.clearState();
        }
    }

    @Override
    public void applyGradients(float[] gradients) {
        WorkerModel.checkGradient(gradients, parameterCount);
        device.enter();
        gradient.write(gradients);
        int iteration = network.iteration();
        int epoch = network.epoch();
        // Batch size 1: the gradient is already the mean, so DL4J's minibatch division must not divide again.
        network.updater().update(gradient.gradient(), iteration, epoch, 1, LayerWorkspaceMgr.noWorkspaces());
        INDArray update = gradient.gradient().gradient();
        network.parameters().subi(update);
        network.iteration(iteration + 1);
        network.model().applyConstraints(iteration + 1, epoch);
    }

    @Override
    public void readParameters(float[] into) {
        checkLength("into", into);
        device.enter();
        HostCopy.read(network.parameters(), into);
    }

    @Override
    public void writeParameters(float[] from) {
        checkLength("from", from);
        device.enter();
        HostCopy.write(from, network.parameters());
    }

    @Override
    public Score evaluate(Batch batch) {
        inputs.check(batch);
        device.enter();
        INDArray features = inputs.features(batch);
        INDArray labels = inputs.labels(batch);
        try {
            double lossSum = network.exampleLosses(features, labels).sumNumber().doubleValue();
            float[] probabilities = HostCopy.toFloats(network.output(features));
            long correct = 0;
            for (int i = 0; i < batch.size(); i++) {
                if (argMax(probabilities, i * inputs.classes(), inputs.classes()) == batch.labels()[i]) {
                    correct++;
                }
            }
            return new Score(lossSum, correct, batch.size());
        } finally {
            network.clearState();
        }
    }

    @Override
    public float[] predict(float[] features, int size) {
        if (size <= 0 || features.length != (long) size * inputs.featureCount()) {
            throw new IllegalArgumentException("features: " + features.length + " values, but " + size + " examples of "
                    + inputs.featureCount() + " features need " + (long) size * inputs.featureCount());
        }
        device.enter();
        try {
            return HostCopy.toFloats(network.output(inputs.features(features, size)));
        } finally {
            network.clearState();
        }
    }

    @Override
    public void writeCheckpoint(OutputStream out) throws IOException {
        device.enter();
        Checkpoint.write(network, out);
    }

    @Override
    public void readCheckpoint(InputStream in) throws IOException {
        device.enter();
        Checkpoint.read(network, in);
    }

    @Override
    public void export(Path dir) throws IOException {
        device.enter();
        ModelSerializer.writeModel(network.withUpdaters(PortableUpdaters::portable), dir.resolve(EXPORT_FILE).toFile(), true);
    }

    @Override
    public void close() {
        network.model().close();
    }

    private void checkLength(String name, float[] array) {
        if (array.length != parameterCount) {
            throw new IllegalArgumentException(name + ": " + array.length + " values, but the model has " + parameterCount + " parameters");
        }
    }

    private static int argMax(float[] values, int offset, int count) {
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (values[offset + i] > values[offset + best]) {
                best = i;
            }
        }
        return best;
    }
}
