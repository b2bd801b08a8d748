package dev.gantry.training.worker;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.Score;
import dev.gantry.training.backend.WorkerModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A minimal model for unit tests of the training loop: multinomial logistic regression with
 * plain SGD, written out in Java so the loop can be tested without a framework's natives.
 */
class SoftmaxRegression implements WorkerModel {
    private final int features;
    private final int classes;
    private final float learningRate;
    private final float[] weights; // classes x (features + 1), bias last
    private long updates;

    SoftmaxRegression(int features, int classes, float learningRate, long seed) {
        this.features = features;
        this.classes = classes;
        this.learningRate = learningRate;
        this.weights = new float[classes * (features + 1)];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (random.nextDouble() - 0.5) * 0.1f;
        }
    }

    @Override
    public long parameterCount() {
        return weights.length;
    }

    @Override
    public float computeGradients(Batch batch, float[] gradients) {
        java.util.Arrays.fill(gradients, 0, weights.length, 0f);
        double loss = 0;
        for (int i = 0; i < batch.size(); i++) {
            double[] p = probabilities(batch.features(), i * features);
            loss -= Math.log(Math.max(p[batch.labels()[i]], 1e-12));
            for (int c = 0; c < classes; c++) {
                float delta = (float) ((p[c] - (c == batch.labels()[i] ? 1 : 0)) / batch.size());
                int row = c * (features + 1);
                for (int f = 0; f < features; f++) {
                    gradients[row + f] += delta * batch.features()[i * features + f];
                }
                gradients[row + features] += delta;
            }
        }
        return (float) (loss / batch.size());
    }

    @Override
    public void applyGradients(float[] gradients) {
        for (int i = 0; i < weights.length; i++) {
            weights[i] -= learningRate * gradients[i];
        }
        updates++;
    }

    @Override
    public void readParameters(float[] into) {
        System.arraycopy(weights, 0, into, 0, weights.length);
    }

    @Override
    public void writeParameters(float[] from) {
        System.arraycopy(from, 0, weights, 0, weights.length);
    }

    @Override
    public Score evaluate(Batch batch) {
        double loss = 0;
        long correct = 0;
        for (int i = 0; i < batch.size(); i++) {
            double[] p = probabilities(batch.features(), i * features);
            loss -= Math.log(Math.max(p[batch.labels()[i]], 1e-12));
            int best = 0;
            for (int c = 1; c < classes; c++) {
                best = p[c] > p[best] ? c : best;
            }
            correct += best == batch.labels()[i] ? 1 : 0;
        }
        return new Score(loss, correct, batch.size());
    }

    @Override
    public float[] predict(float[] x, int size) {
        float[] out = new float[size * classes];
        for (int i = 0; i < size; i++) {
            double[] p = probabilities(x, i * features);
            for (int c = 0; c < classes; c++) {
                out[i * classes + c] = (float) p[c];
            }
        }
        return out;
    }

    float[] weightsForTest() {
        return weights.clone();
    }

    @Override
    public void writeCheckpoint(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeLong(updates);
        for (float w : weights) {
            data.writeFloat(w);
        }
        data.flush();
    }

    @Override
    public void readCheckpoint(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        updates = data.readLong();
        for (int i = 0; i < weights.length; i++) {
            weights[i] = data.readFloat();
        }
    }

    @Override
    public void export(Path dir) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve("weights.bin"))) {
            writeCheckpoint(out);
        }
    }

    @Override
    public void close() {
    }

    private double[] probabilities(float[] x, int offset) {
        double[] logits = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            int row = c * (features + 1);
            double z = weights[row + features];
            for (int f = 0; f < features; f++) {
                z += weights[row + f] * x[offset + f];
            }
            logits[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        for (int c = 0; c < classes; c++) {
            logits[c] /= sum;
        }
        return logits;
    }
}
