package dev.gantry.training.spark;

import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.worker.Shard;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/** Turns a DataFrame of features and labels into the examples workers train on. */
final class Examples {
    private final ModelSpec model;
    private final String featuresCol;
    private final String labelCol;

    Examples(ModelSpec model, String featuresCol, String labelCol) {
        this.model = model;
        this.featuresCol = featuresCol;
        this.labelCol = labelCol;
    }

    /**
     * Example {@code i} goes to worker {@code i mod workers}, keyed by rank and carrying its index
     * so each worker can restore the data's order. The first row is checked on the driver, so a
     * wrong column or shape fails before any task starts.
     */
    JavaPairRDD<Integer, Tuple2<Long, Example>> dealt(Dataset<Row> data, int workers) {
        JavaRDD<Example> examples = examples(data);
        return examples.zipWithIndex()
                .mapToPair(e -> new Tuple2<>((int) (e._2() % workers), new Tuple2<>(e._2(), e._1())))
                .partitionBy(new RankPartitioner(workers));
    }

    Shard collect(Dataset<Row> data) {
        List<Example> all = examples(data).collect();
        int featureCount = model.featureCount();
        float[] features = new float[all.size() * featureCount];
        int[] labels = new int[all.size()];
        for (int i = 0; i < labels.length; i++) {
            System.arraycopy(all.get(i).features(), 0, features, i * featureCount, featureCount);
            labels[i] = all.get(i).label();
        }
        return new Shard(features, labels, featureCount);
    }

    private JavaRDD<Example> examples(Dataset<Row> data) {
        for (String column : List.of(featuresCol, labelCol)) {
            if (!List.of(data.columns()).contains(column)) {
                throw new IllegalArgumentException("data has no column '" + column + "' (columns: "
                        + String.join(", ", data.columns()) + ")");
            }
        }
        Dataset<Row> selected = data.select(featuresCol, labelCol);
        int featureCount = model.featureCount();
        int classes = model.classes();
        List<Row> first = selected.takeAsList(1);
        if (first.isEmpty()) {
            throw new IllegalArgumentException("data is empty");
        }
        Rows.example(first.get(0), 0, 1, featureCount, classes);
        return selected.javaRDD().map(row -> Rows.example(row, 0, 1, featureCount, classes));
    }
}
