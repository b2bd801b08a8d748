package dev.gantry.job;

import static dev.gantry.job.SpecChecks.require;
import static dev.gantry.job.SpecChecks.required;

import dev.gantry.training.data.DataSpec;
import dev.gantry.training.data.DigitImages;
import java.util.LinkedHashMap;
import java.util.Map;

/** What training data and validation data have in common: checks and the conversion to a {@link DataSpec}. */
final class DataSource {
    private DataSource() {}

    /** Fails unless the format is given and a path with it, for every format that reads a file. */
    static void check(String field, DataFormat format, String path) {
        required(format, field + ".format");
        if (!format.generated()) {
            required(path, field + ".path");
        } else {
            require(path == null, field + ".path must not be set for " + format.id() + " data, which is generated");
        }
    }

    /**
     * Digits data is 28 x 28 grey images of ten digits, so the model must take 784 features and
     * tell ten classes apart; caught here rather than when the first batch reaches a worker.
     */
    static void checkModel(DataFormat format, ModelSection model) {
        if (format != DataFormat.DIGITS) {
            return;
        }
        require(model.toModelSpec().featureCount() == DigitImages.FEATURES,
                "model.inputShape must be [784] or [28, 28, 1] for digits data (28 x 28 grey images), got "
                        + model.inputShape());
        require(model.classes() == DigitImages.CLASSES,
                "model.classes must be 10 for digits data (the digits 0-9), got " + model.classes());
    }

    /**
     * Synthetic data takes its number of classes from the model unless its options say otherwise,
     * so a spec need not say it twice (its features always come from the model's input shape).
     */
    static DataSpec toDataSpec(DataFormat format, String path, Map<String, String> options, int classes) {
        Map<String, String> all = new LinkedHashMap<>(options);
        if (format == DataFormat.SYNTHETIC) {
            all.putIfAbsent("classes", Integer.toString(classes));
        }
        return new DataSpec(format.id(), path, all);
    }
}
