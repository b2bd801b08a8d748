package dev.gantry.training.scenarios;

import dev.gantry.training.TrainingJob;
import dev.gantry.training.data.DataSources;
import dev.gantry.training.data.DataSpec;
import dev.gantry.training.spark.DistributedTrainer;
import dev.gantry.training.spark.TrainingRun;
import dev.gantry.training.worker.EpochMetrics;
import dev.gantry.training.worker.ProgressSink;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * A whole job trained on {@code local[2]}, its data read as its spec says, timed as a person
 * waiting for {@code gantry run} would see it: the Spark session's start, then training, which
 * includes making or reading the data, starting the workers and validating after every epoch.
 * Example jobs promise to be quick; their scenario tests print these figures to keep them honest.
 *
 * @param sessionSeconds starting the Spark session
 * @param trainSeconds   {@link DistributedTrainer#train}, start to finish
 */
public record TimedLocalRun(TrainingRun run, double sessionSeconds, double trainSeconds) {

    /** Trains {@code job}; {@code validation} may be null. Prints {@link #summary()} to standard output. */
    public static TimedLocalRun train(TrainingJob job, DataSpec data, DataSpec validation) {
        long start = System.nanoTime();
        SparkSession spark = ScenarioJobs.session("local[2]", job.name()).getOrCreate();
        try {
            long started = System.nanoTime();
            int features = job.model().featureCount();
            TrainingRun run = new DistributedTrainer(spark).train(job, DataSources.read(spark, data, features),
                    validation == null ? null : DataSources.read(spark, validation, features), DataSources.FEATURES,
                    DataSources.LABEL, ProgressSink.NONE);
            TimedLocalRun timed = new TimedLocalRun(run, (started - start) / 1e9, (System.nanoTime() - started) / 1e9);
            System.out.println(job.name() + ": " + timed.summary());
            return timed;
        } finally {
            spark.stop();
        }
    }

    /** Seconds and figures on one line, e.g. for a README or a commit message. */
    public String summary() {
        EpochMetrics last = run.last();
        return String.format(Locale.ROOT, "Spark session %.1f s, training %.1f s (epochs %s s), %d workers, "
                        + "last epoch %.0f samples/s in all, held-out accuracy %.4f, %d processors",
                sessionSeconds, trainSeconds,
                run.epochs().stream().map(e -> String.format(Locale.ROOT, "%.1f", e.seconds())).collect(Collectors.joining(", ")),
                run.workers(), last.samplesPerSecond(), last.accuracy(), Runtime.getRuntime().availableProcessors());
    }
}
