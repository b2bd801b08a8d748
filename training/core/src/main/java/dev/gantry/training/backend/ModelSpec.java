package dev.gantry.training.backend;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What to train. The built-in definitions are the same network in every backend, so a job can
 * switch backends and compare:
 * <ul>
 *   <li>{@code MLP}: flattened input, one fully connected ReLU layer per entry of
 *       {@code hidden}, then a softmax over {@code classes} with cross-entropy loss;</li>
 *   <li>{@code CNN}: input {@code [height, width, channels]} (channels last); per entry of
 *       {@code convFilters} a 3x3 convolution (stride 1, same padding) with ReLU followed by 2x2
 *       max pooling (stride 2); then the {@code hidden} dense ReLU layers and the softmax;</li>
 *   <li>{@code USER}: a model file at {@code path} (a TensorFlow SavedModel or a DL4J network
 *       configuration JSON), with the graph's tensor names in {@code names} (keys
 *       {@code input}, {@code label}, {@code loss}, {@code output}) where the backend needs them.</li>
 * </ul>
 * Weights start from the job's seed (Glorot uniform, zero biases) so equal seeds give equal models.
 */
public record ModelSpec(Kind kind, int[] inputShape, int classes, List<Integer> hidden,
                        List<Integer> convFilters, String path, Map<String, String> names)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public enum Kind { MLP, CNN, USER }

    public ModelSpec {
        inputShape = inputShape.clone();
        hidden = List.copyOf(hidden);
        convFilters = List.copyOf(convFilters);
        names = Map.copyOf(names);
        if (classes < 2) {
            throw new IllegalArgumentException("model.classes must be at least 2, got " + classes);
        }
        if (inputShape.length == 0 || Arrays.stream(inputShape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("model.inputShape must be positive sizes, got " + Arrays.toString(inputShape));
        }
        if (kind == Kind.CNN && inputShape.length != 3) {
            throw new IllegalArgumentException("model.inputShape of a cnn is [height, width, channels], got " + Arrays.toString(inputShape));
        }
        if (kind == Kind.USER && (path == null || path.isBlank())) {
            throw new IllegalArgumentException("model.path is required for a user-supplied model");
        }
        if (hidden.stream().anyMatch(h -> h <= 0) || convFilters.stream().anyMatch(f -> f <= 0)) {
            throw new IllegalArgumentException("model layer sizes must be positive");
        }
    }

    public static ModelSpec mlp(int inputs, List<Integer> hidden, int classes) {
        return new ModelSpec(Kind.MLP, new int[] {inputs}, classes, hidden, List.of(), null, Map.of());
    }

    public static ModelSpec cnn(int height, int width, int channels, List<Integer> convFilters,
                                List<Integer> hidden, int classes) {
        return new ModelSpec(Kind.CNN, new int[] {height, width, channels}, classes, hidden, convFilters, null, Map.of());
    }

    public static ModelSpec user(String path, int[] inputShape, int classes, Map<String, String> names) {
        return new ModelSpec(Kind.USER, inputShape, classes, List.of(), List.of(), path, names);
    }

    /** Features per example: the product of the input shape. */
    public int featureCount() {
        return Arrays.stream(inputShape).reduce(1, Math::multiplyExact);
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec m && kind == m.kind && Arrays.equals(inputShape, m.inputShape)
                && classes == m.classes && hidden.equals(m.hidden) && convFilters.equals(m.convFilters)
                && java.util.Objects.equals(path, m.path) && names.equals(m.names);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, Arrays.hashCode(inputShape), classes, hidden, convFilters, path, names);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + Arrays.toString(inputShape)
                + (convFilters.isEmpty() ? "" : " conv" + convFilters) + " hidden" + hidden + " -> " + classes
                + (path == null ? "" : " from " + path);
    }
}
