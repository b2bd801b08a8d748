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
 *                {@code synthetic} (options {@code examples}, {@code seed}, {@code separation})
 * @param path    a file or directory Spark can read; unused for synthetic data
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
