package dev.gantry.training.backend;

/**
 * A batch of examples, row-major: example {@code i}'s features are
 * {@code features[i * featureCount .. (i + 1) * featureCount)} in the model's input shape order
 * (channels last for images), its class is {@code labels[i]}.
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
