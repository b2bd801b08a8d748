package dev.gantry.training.scenarios;

import dev.gantry.training.TrainConfig;
import dev.gantry.training.TrainingJob;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.data.DataSources;
import dev.gantry.training.data.DataSpec;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The data and jobs the training scenarios share: separable 10-class data in 20 dimensions and an MLP. */
public final class ScenarioJobs {
    public static final int FEATURES = 20;
    public static final int CLASSES = 10;

    private ScenarioJobs() {}

    public static ModelSpec mlp() {
        return ModelSpec.mlp(FEATURES, List.of(32), CLASSES);
    }

    /** Training examples from index 0, or held-out ones from far beyond, all of the same ten classes. */
    public static Dataset<Row> data(SparkSession spark, int examples, boolean heldOut) {
        return DataSources.read(spark, new DataSpec("synthetic", null, Map.of("examples", Integer.toString(examples),
                "classes", Integer.toString(CLASSES), "offset", heldOut ? "1000000" : "0")), FEATURES);
    }

    public static TrainConfig config(int workers) {
        return TrainConfig.defaults().withWorkers(workers).withBatch(32).withEpochs(3).withOptimizer(Optimizer.ADAM)
                .withLearningRate(0.01).withThreads(1);
    }

    public static TrainingJob job(String name, String framework, TrainConfig config, String output) {
        return new TrainingJob(name, framework, mlp(), config, output);
    }

    public static SparkSession.Builder session(String master, String app) {
        return SparkSession.builder().master(master).appName(app)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1");
    }
}
