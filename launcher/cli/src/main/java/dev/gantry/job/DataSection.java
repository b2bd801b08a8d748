package dev.gantry.job;

import static dev.gantry.job.SpecChecks.orderedCopy;

import dev.gantry.training.data.DataSpec;
import java.util.Map;
import java.util.Optional;

/**
 * {@code data}: where the training examples come from (see {@link dev.gantry.training.data.DataSources}).
 *
 * @param format     required: {@code idx} (MNIST files: {@code path} the images, option
 *                   {@code labels} the labels), {@code csv} (option {@code label}: the label
 *                   column, default {@code label}; option {@code header}, default true),
 *                   {@code libsvm}, {@code parquet} (options {@code featuresColumn},
 *                   {@code labelColumn}), {@code synthetic} (options {@code examples} (default
 *                   10000), {@code seed}, {@code separation}, {@code offset}, {@code classes}
 *                   (default the model's)) or {@code digits}: generated 28 x 28 images of
 *                   handwritten-looking digits for a model of input shape {@code [784]} or
 *                   {@code [28, 28, 1]} and 10 classes (options {@code examples} (default 10000),
 *                   {@code seed}, {@code offset})
 * @param path       a file or directory Spark can read: required for every format but synthetic
 *                   and digits, refused for those
 * @param options    the format's options, as listed above; default none
 * @param validation optional validation data; default none
 */
public record DataSection(DataFormat format, String path, Map<String, String> options, ValidationSection validation) {
    public DataSection {
        DataSource.check("data", format, path);
        options = orderedCopy(options);
        if (validation != null && validation.format() == null) {
            validation = validation.withFormat(format);
        }
        if (validation != null) {
            DataSource.check("data.validation", validation.format(), validation.path());
        }
    }

    /** Fails unless the model can take the data, for formats whose shape is known before reading. */
    void checkModel(ModelSection model) {
        DataSource.checkModel(format, model);
        if (validation != null) {
            DataSource.checkModel(validation.format(), model);
        }
    }

    public DataSpec toDataSpec(int classes) {
        return DataSource.toDataSpec(format, path, options, classes);
    }

    public Optional<DataSpec> validationDataSpec(int classes) {
        return Optional.ofNullable(validation)
                .map(v -> DataSource.toDataSpec(v.format(), v.path(), v.options(), classes));
    }
}
