package dev.gantry.training.ml;

import dev.gantry.training.TrainConfig;
import dev.gantry.training.backend.Backends;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.data.FeatureColumn;
import dev.gantry.training.spark.TrainingRun;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A model trained by {@link GantryClassifier}: {@code transform} adds the most likely class as
 * {@code prediction} and the class probabilities as {@code probability}, running the framework
 * on the executors, one replica per partition.
 */
public final class GantryClassificationModel extends Model<GantryClassificationModel> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 256;

    private final String uid;
    private final String framework;
    private final ModelSpec spec;
    private final TrainConfig config;
    private final transient TrainingRun run;
    private final byte[] weights;
    private final Param<String> featuresCol;

    GantryClassificationModel(String uid, String framework, ModelSpec spec, TrainConfig config, TrainingRun run) {
        this.uid = uid;
        this.framework = framework;
        this.spec = spec;
        this.config = config;
        this.run = run;
        this.weights = run.model();
        this.featuresCol = new Param<>(this, "featuresCol", "features column: an ML vector or an array of numbers");
        setDefault(featuresCol, "features");
    }

    public Param<String> featuresCol() {
        return featuresCol;
    }

    public GantryClassificationModel setFeaturesCol(String value) {
        set(featuresCol, value);
        return this;
    }

    /** The training run that produced this model: metrics per epoch, the exported model's path. */
    public TrainingRun run() {
        return run;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        Dataset<Row> data = dataset.toDF();
        StructType out = transformSchema(data.schema());
        int featuresIndex = data.schema().fieldIndex($(featuresCol));
        Broadcast<byte[]> shared = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext()).broadcast(weights);
        String name = framework;
        ModelSpec model = spec;
        TrainConfig settings = config;
        MapPartitionsFunction<Row, Row> predict = rows -> {
            List<Row> results = new ArrayList<>();
            try (WorkerModel replica = Backends.find(name).create(model, settings.settings(), settings.seed(), List.of())) {
                replica.readCheckpoint(new ByteArrayInputStream(shared.value()));
                List<Row> pending = new ArrayList<>(BATCH);
                while (rows.hasNext()) {
                    pending.add(rows.next());
                    if (pending.size() == BATCH || !rows.hasNext()) {
                        results.addAll(scored(replica, pending, featuresIndex, model));
                        pending.clear();
                    }
                }
            }
            return results.iterator();
        };
        return data.mapPartitions(predict, Encoders.row(out));
    }

    private static List<Row> scored(WorkerModel replica, List<Row> rows, int featuresIndex, ModelSpec model) {
        int width = model.featureCount();
        float[] x = new float[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            float[] features = FeatureColumn.floats(rows.get(i), featuresIndex);
            if (features.length != width) {
                throw new IllegalArgumentException("a row has " + features.length + " features but the model takes " + width);
            }
            System.arraycopy(features, 0, x, i * width, width);
        }
        float[] p = replica.predict(x, rows.size());
        List<Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            double[] probability = new double[model.classes()];
            int best = 0;
            for (int c = 0; c < probability.length; c++) {
                probability[c] = p[i * probability.length + c];
                best = probability[c] > probability[best] ? c : best;
            }
            Object[] values = new Object[rows.get(i).length() + 2];
            for (int f = 0; f < rows.get(i).length(); f++) {
                values[f] = rows.get(i).get(f);
            }
            values[values.length - 2] = (double) best;
            values[values.length - 1] = Vectors.dense(probability);
            out.add(RowFactory.create(values));
        }
        return out;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (!java.util.Arrays.asList(schema.fieldNames()).contains($(featuresCol))) {
            throw new IllegalArgumentException("data has no column '" + $(featuresCol) + "'");
        }
        return schema.add("prediction", DataTypes.DoubleType, false).add("probability", SQLDataTypes.VectorType(), false);
    }

    @Override
    public GantryClassificationModel copy(ParamMap extra) {
        GantryClassificationModel copy = new GantryClassificationModel(uid, framework, spec, config, run);
        return copyValues(copy, extra).setParent(parent());
    }

    @Override
    public String uid() {
        return uid;
    }
}
