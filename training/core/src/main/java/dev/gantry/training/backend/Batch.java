package dev.gantry.training.backend;

/**
 * A batch of examples, row-major: example {@code i}'s features are
 * {@code features[i * featureCount .. (i + 1) * featureCount)} in the model's input shape order
 * (channels last for images), its class is {@code labels[i]}.
 *
 * <p>The arrays may hold more than {@code size} examples, and the training loop refills them for
 * its next step: a backend reads the first {@code size} examples during the call it is given the
 * batch in and keeps no reference to the arrays after it.
 */
public record Batch(float[] features, int[] labels, int size) {
    public Batch {
        if (size <= 0 || labels.length < size || features.length % labels.length != 0) {
            throw new IllegalArgumentException("inconsistent batch: " + size + " examples, "
                    + labels.length + " labels, " + features.length + " features");
        }
    }

    public int featureCount() {
        return features.length / labels.length;
    }
}
