package dev.gantry.training.ml;

import dev.gantry.training.TrainingJob;
import dev.gantry.training.spark.DistributedTrainer;
import dev.gantry.training.spark.TrainingRun;
import dev.gantry.training.worker.ProgressSink;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Distributed training as a Spark ML {@link Estimator}, so it fits into a {@code Pipeline}:
 * {@code fit} trains the job on the DataFrame's {@code featuresCol} and {@code labelCol} and
 * returns a {@link GantryClassificationModel} that adds {@code prediction} and
 * {@code probability} columns.
 */
public final class GantryClassifier extends Estimator<GantryClassificationModel> {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final TrainingJob job;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private transient ProgressSink progress = ProgressSink.NONE;

    public GantryClassifier(TrainingJob job) {
        this(Identifiable$.MODULE$.randomUID("gantry"), job);
    }

    private GantryClassifier(String uid, TrainingJob job) {
        this.uid = uid;
        this.job = job;
        this.featuresCol = new Param<>(this, "featuresCol", "features column: an ML vector or an array of numbers");
        this.labelCol = new Param<>(this, "labelCol", "label column: whole numbers from 0");
        setDefault(featuresCol, "features");
        setDefault(labelCol, "label");
    }

    public Param<String> featuresCol() {
        return featuresCol;
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    public GantryClassifier setFeaturesCol(String value) {
        set(featuresCol, value);
        return this;
    }

    public GantryClassifier setLabelCol(String value) {
        set(labelCol, value);
        return this;
    }

    /** Where live progress goes while {@link #fit} runs. */
    public GantryClassifier setProgress(ProgressSink sink) {
        this.progress = sink;
        return this;
    }

    public TrainingJob job() {
        return job;
    }

    @Override
    public GantryClassificationModel fit(Dataset<?> dataset) {
        Dataset<Row> data = dataset.toDF();
        TrainingRun run = new DistributedTrainer(data.sparkSession()).train(job, data, null,
                $(featuresCol), $(labelCol), progress);
        GantryClassificationModel model = new GantryClassificationModel(uid, job.framework(), job.model(), job.config(), run);
        model.setParent(this);
        return (GantryClassificationModel) model.setFeaturesCol($(featuresCol));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        for (String column : new String[] {$(featuresCol), $(labelCol)}) {
            if (!java.util.Arrays.asList(schema.fieldNames()).contains(column)) {
                throw new IllegalArgumentException("data has no column '" + column + "'");
            }
        }
        return schema;
    }

    @Override
    public GantryClassifier copy(ParamMap extra) {
        GantryClassifier copy = new GantryClassifier(uid, job);
        copy.progress = progress;
        return copyValues(copy, extra);
    }

    @Override
    public String uid() {
        return uid;
    }
}
