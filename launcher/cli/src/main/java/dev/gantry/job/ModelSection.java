package dev.gantry.job;

import static dev.gantry.job.SpecChecks.building;
import static dev.gantry.job.SpecChecks.listCopy;
import static dev.gantry.job.SpecChecks.orderedCopy;
import static dev.gantry.job.SpecChecks.require;
import static dev.gantry.job.SpecChecks.required;

import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.ModelSpec.Kind;
import java.util.List;
import java.util.Map;

/**
 * {@code model}: what to train (see {@link ModelSpec} for the networks each kind builds).
 *
 * @param kind        required: {@code mlp} (dense layers), {@code cnn} (3x3 convolutions with 2x2
 *                    pooling, then dense layers) or {@code user} (a model file)
 * @param inputShape  required: the shape of one example; {@code [784]} (or just {@code 784}) for
 *                    an MLP, {@code [height, width, channels]} for a CNN
 * @param classes     required: the number of classes, at least 2
 * @param hidden      sizes of the dense ReLU layers before the softmax; default {@code [128]} for
 *                    mlp and cnn, none for user
 * @param convFilters cnn only: filters of each convolution layer; default {@code [32, 64]}
 * @param path        user only, required there: a TensorFlow SavedModel directory or a DL4J
 *                    network configuration JSON
 * @param names       user only: the graph's tensor names under the keys {@code input},
 *                    {@code label}, {@code loss}, {@code output}, where the backend needs them
 */
public record ModelSection(Kind kind, List<Integer> inputShape, Integer classes, List<Integer> hidden,
                           List<Integer> convFilters, String path, Map<String, String> names) {

    private static final List<Integer> DEFAULT_HIDDEN = List.of(128);
    private static final List<Integer> DEFAULT_CONV_FILTERS = List.of(32, 64);

    public ModelSection {
        required(kind, "model.kind");
        inputShape = List.copyOf(required(inputShape, "model.inputShape"));
        required(classes, "model.classes");
        boolean user = kind == Kind.USER;
        // Settings a kind would ignore are refused: a typo'd kind should not silently drop layers.
        require(kind == Kind.CNN || convFilters == null || convFilters.isEmpty(),
                "model.convFilters applies to cnn models only, not " + label(kind));
        require(user || path == null, "model.path applies to user models only, not " + label(kind));
        require(user || names == null || names.isEmpty(), "model.names applies to user models only, not " + label(kind));
        hidden = listCopy(hidden, user ? List.of() : DEFAULT_HIDDEN);
        convFilters = listCopy(convFilters, kind == Kind.CNN ? DEFAULT_CONV_FILTERS : List.of());
        names = orderedCopy(names);
        // The training model's own checks: sizes, the shape of a cnn, the path of a user model.
        modelSpec(kind, inputShape, classes, hidden, convFilters, path, names);
    }

    public ModelSpec toModelSpec() {
        return modelSpec(kind, inputShape, classes, hidden, convFilters, path, names);
    }

    // Static: a compact constructor's checks run before its fields are assigned.
    private static ModelSpec modelSpec(Kind kind, List<Integer> inputShape, int classes, List<Integer> hidden,
                                       List<Integer> convFilters, String path, Map<String, String> names) {
        int[] shape = inputShape.stream().mapToInt(Integer::intValue).toArray();
        return building(() -> new ModelSpec(kind, shape, classes, hidden, convFilters, path, names));
    }

    private static String label(Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
