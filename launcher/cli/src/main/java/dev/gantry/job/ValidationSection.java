package dev.gantry.job;

import static dev.gantry.job.SpecChecks.orderedCopy;

import java.util.Map;

/**
 * {@code data.validation}: examples to report accuracy and loss on after every epoch.
 *
 * @param format  as {@code data.format}; default the training data's format
 * @param path    as {@code data.path}
 * @param options as {@code data.options}; for synthetic validation data, set {@code offset} (the
 *                first example's index) past the training examples so the two do not overlap
 */
public record ValidationSection(DataFormat format, String path, Map<String, String> options) {
    public ValidationSection {
        options = orderedCopy(options);
    }

    ValidationSection withFormat(DataFormat value) {
        return new ValidationSection(value, path, options);
    }
}
