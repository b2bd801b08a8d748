package dev.gantry.training.spark;

import dev.gantry.training.data.FeatureColumn;
import org.apache.spark.sql.Row;

/**
 * Reads an example from a DataFrame row: features as an ML vector or an array of numbers,
 * the label as any whole number in {@code [0, classes)}.
 */
final class Rows {
    private Rows() {}

    static Example example(Row row, int featuresIndex, int labelIndex, int featureCount, int classes) {
        float[] features = FeatureColumn.floats(row, featuresIndex);
        if (features.length != featureCount) {
            throw new IllegalArgumentException("data: an example has " + features.length
                    + " features but the model takes " + featureCount);
        }
        double value = ((Number) row.get(labelIndex)).doubleValue();
        int label = (int) value;
        if (label != value || label < 0 || label >= classes) {
            throw new IllegalArgumentException("data: label " + value + " is not a class in [0, " + classes + ")");
        }
        return new Example(features, label);
    }
}
