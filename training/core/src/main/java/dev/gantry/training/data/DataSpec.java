package dev.gantry.training.data;

import java.io.Serializable;
import java.util.Map;

/**
 * Where a job's examples come from.
 *
 * @param format  {@code idx} (MNIST format: {@code path} the images, option {@code labels} the
 *                labels file), {@code csv} (option {@code label}: the label column, default
 *                {@code label}; every other column is a feature), {@code libsvm}, {@code parquet}
 *                (columns {@code features} and {@code label}, or as options say), or
 *                {@code synthetic} (options {@code examples}, {@code seed}, {@code separation},
 *                {@code offset}, {@code classes}), or {@code digits}: generated 28 x 28
 *                handwritten-looking digits, 784 features (options {@code examples}, default
 *                10000, {@code seed}, default 7, {@code offset}, default 0: the first example's
 *                index; see {@link DigitImages})
 * @param path    a file or directory Spark can read; unused for synthetic and digits data
 */
public record DataSpec(String format, String path, Map<String, String> options) implements Serializable {
    private static final long serialVersionUID = 1L;

    public DataSpec {
        options = Map.copyOf(options);
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }
}
