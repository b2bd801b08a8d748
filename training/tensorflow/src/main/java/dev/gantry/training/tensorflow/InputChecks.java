package dev.gantry.training.tensorflow;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import java.util.Arrays;

/**
 * Checks of what callers hand a replica, before TensorFlow sees it: TensorFlow's own errors are
 * many lines long, name graph nodes rather than job fields, and one-hot encoding would turn an
 * out-of-range label into a silent zero loss.
 */
final class InputChecks {
    private InputChecks() {}

    static void batch(ModelSpec spec, Batch batch) {
        if (batch.featureCount() != spec.featureCount()) {
            throw new IllegalArgumentException("batch has " + batch.featureCount() + " features per example, model.inputShape "
                    + Arrays.toString(spec.inputShape()) + " needs " + spec.featureCount());
        }
        int[] labels = batch.labels();
        for (int i = 0; i < batch.size(); i++) {
            if (labels[i] < 0 || labels[i] >= spec.classes()) {
                throw new IllegalArgumentException("batch label " + labels[i] + " of example " + i + " is outside 0.."
                        + (spec.classes() - 1) + " (model.classes " + spec.classes() + ")");
            }
        }
    }

    static void examples(ModelSpec spec, float[] features, int size) {
        if (size <= 0 || features.length != (long) size * spec.featureCount()) {
            throw new IllegalArgumentException("predict got " + features.length + " feature values for " + size
                    + " examples; model.inputShape " + Arrays.toString(spec.inputShape()) + " needs "
                    + spec.featureCount() + " per example");
        }
    }

    static void vector(String name, float[] values, int parameterCount) {
        if (values.length != parameterCount) {
            throw new IllegalArgumentException(name + " has " + values.length + " values, the model has "
                    + parameterCount + " parameters");
        }
    }
}
