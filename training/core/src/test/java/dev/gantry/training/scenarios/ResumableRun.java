package dev.gantry.training.scenarios;

import dev.gantry.training.TrainConfig;
import dev.gantry.training.spark.DistributedTrainer;
import dev.gantry.training.spark.TrainingRun;
import dev.gantry.training.worker.ProgressSink;
import org.apache.spark.sql.SparkSession;

/**
 * A training run in its own JVM, so a scenario can kill it mid-way and run it again:
 * {@code ResumableRun <framework> <output>}. Prints the step it resumed from and the steps done.
 */
public final class ResumableRun {
    private ResumableRun() {}

    public static TrainConfig config() {
        return ScenarioJobs.config(2).withEpochs(10).withCheckpointSteps(20).withShuffle(true);
    }

    public static void main(String[] args) throws Exception {
        try (SparkSession spark = ScenarioJobs.session("local[2]", "resumable").getOrCreate()) {
            TrainingRun run = new DistributedTrainer(spark).train(
                    ScenarioJobs.job("resumable", args[0], config(), args[1]),
                    ScenarioJobs.data(spark, 4000, false), null, "features", "label", ProgressSink.NONE);
            System.out.println("resumed-from " + run.resumedFromStep() + " steps " + run.steps());
        }
    }
}
