package dev.gantry.training.data;

import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/** Reads a row's features, whether the column holds an ML vector or an array of numbers. */
public final class FeatureColumn {
    private FeatureColumn() {}

    public static float[] floats(Row row, int index) {
        if (row.get(index) instanceof Vector vector) {
            double[] values = vector.toArray();
            float[] out = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = (float) values[i];
            }
            return out;
        }
        List<Object> list = row.getList(index);
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).floatValue();
        }
        return out;
    }
}
