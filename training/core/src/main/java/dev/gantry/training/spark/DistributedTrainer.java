package dev.gantry.training.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.training.TrainConfig;
import dev.gantry.training.TrainingJob;
import dev.gantry.training.backend.Backends;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.files.AtomicFiles;
import dev.gantry.training.checkpoint.IoFailures;
import dev.gantry.training.progress.ProgressServer;
import dev.gantry.training.tensorboard.EventFile;
import dev.gantry.training.tensorboard.TensorBoardSink;
import dev.gantry.training.worker.BothSinks;
import dev.gantry.training.worker.ProgressSink;
import dev.gantry.training.worker.Shard;
import dev.gantry.training.worker.WorkerResult;
import dev.gantry.training.worker.WorkerStats;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * Runs a {@link TrainingJob} on whatever Spark master the session has: the examples are dealt
 * round-robin to {@code workers} shards, one barrier task per shard trains, and the driver
 * writes the exported model and {@code metrics.json}. A failed attempt (a worker dies) fails the
 * barrier stage as a whole; Spark retries it and the workers resume from the latest checkpoint.
 */
public final class DistributedTrainer {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Worker 0 has hung up when its task ends, so its connection's end is near; bounded all the same. */
    private static final Duration PROGRESS_DRAIN = Duration.ofSeconds(10);

    private final SparkSession spark;

    public DistributedTrainer(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * @param validation examples to report accuracy on after every epoch, or null
     * @param progress   where live progress goes on the driver
     */
    public TrainingRun train(TrainingJob job, Dataset<Row> data, Dataset<Row> validation, String featuresCol,
                             String labelCol, ProgressSink progress) {
        return train(job, data, validation, featuresCol, labelCol, progress, new StopRequest());
    }

    /**
     * As {@link #train(TrainingJob, Dataset, Dataset, String, String, ProgressSink)}, and stops
     * early when {@code stop} is requested: all workers after the same step, with a checkpoint of
     * that step, ending in {@link StoppedOnRequestException}.
     */
    public TrainingRun train(TrainingJob job, Dataset<Row> data, Dataset<Row> validation, String featuresCol,
                             String labelCol, ProgressSink progress, StopRequest stop) {
        // The run's progress also goes to TensorBoard files beside its other outputs.
        try (TensorBoardSink tensorBoard = new TensorBoardSink(
                new EventFile(Path.of(job.output()).resolve("tensorboard"), progress::note))) {
            return trainUntil(job, data, validation, featuresCol, labelCol, new BothSinks(progress, tensorBoard), stop);
        } finally {
            stop.ended();
        }
    }

    private TrainingRun trainUntil(TrainingJob job, Dataset<Row> data, Dataset<Row> validation, String featuresCol,
                                   String labelCol, ProgressSink progress, StopRequest stop) {
        if (spark.sparkContext().conf().getBoolean("spark.dynamicAllocation.enabled", false)) {
            throw new IllegalArgumentException("spark.dynamicAllocation.enabled must be false for training: "
                    + "its workers run as one barrier stage that needs all of them at once");
        }
        TrainConfig config = job.config();
        Examples examples = new Examples(job.model(), featuresCol, labelCol);
        JavaPairRDD<Integer, Tuple2<Long, Example>> shards = examples.dealt(data, config.workers());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Shard> validationShard = validation == null ? null : jsc.broadcast(examples.collect(validation));

        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        List<WorkerResult> results;
        ProgressServer progressServer = null;
        try (ProgressServer server = new ProgressServer(driverAddress(), secret, progress)) {
            progressServer = server;
            // Worker 0 hears it on its progress connection and folds it into the next step's all-reduce.
            stop.onRequest(server::requestStop);
            if (config.sync() == TrainConfig.SyncMode.AVERAGING) {
                results = new AveragingRounds(jsc, job, shards, validationShard, progress, stop::requested).run();
            } else {
                WorkerTask task = new WorkerTask(job, secret, server.address(), validationShard);
                JavaRDD<WorkerResult> trained = JavaRDD.fromRDD(shards.rdd().barrier().mapPartitions(
                        new BarrierFunction<>(task), false, ClassTag$.MODULE$.apply(WorkerResult.class)),
                        ClassTag$.MODULE$.apply(WorkerResult.class));
                // Spark retries a failed barrier stage only when it is a shuffle-map stage ("Could not
                // recover from a failed barrier ResultStage"), so the results cross one small shuffle.
                results = trained.repartition(1).collect();
                // Worker 0's last losses may still be on their way: TensorBoard should hold every step.
                server.drain(PROGRESS_DRAIN);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the driver's progress listener", e);
        } catch (Exception e) {
            // Spark's own message names whichever task failed last, often a peer's echo of the
            // failure ("closed the connection"); a worker's report of its own failure is the cause.
            throw rootCause(progressServer, e);
        } finally {
            if (validationShard != null) {
                validationShard.destroy();
            }
        }
        // Worker 0 holds the root cause of a stop that it decided (a checkpoint it could not write);
        // the lowest rank that stopped is therefore the one to report.
        results.stream().filter(WorkerResult::failed).min(Comparator.comparingInt(WorkerResult::rank))
                .ifPresent(stopped -> {
                    throw stopped.requested() ? new StoppedOnRequestException(stopped.failure())
                            : new TrainingStoppedException(stopped.failure());
                });
        WorkerResult first = results.stream().min(Comparator.comparingInt(WorkerResult::rank)).orElseThrow();
        List<WorkerStats> stats = results.stream().map(WorkerResult::stats).filter(Objects::nonNull)
                .sorted(Comparator.comparingInt(WorkerStats::rank)).toList();
        Path output = Path.of(job.output());
        Path exported = output.resolve("model");
        Path metrics = output.resolve("metrics.json");
        boolean finishedBefore = first.resumedFromStep() >= first.steps() && Files.exists(metrics);
        try {
            if (finishedBefore) {
                // A rerun of a finished job trained nothing: the earlier run's model and metrics stay.
                return new TrainingRun(config.workers(), first.resumedFromStep(), first.steps(), first.epochs(),
                        first.model(), exported, metrics, stats);
            }
            export(job, first.model(), exported);
            AtomicFiles.writeString(metrics, metricsJson(job, first, stats));
        } catch (IOException e) {
            throw new TrainingStoppedException("cannot write the trained model to " + output + ": "
                    + IoFailures.describe(e) + "; the checkpoints in " + job.checkpoints().dir() + " are kept");
        }
        return new TrainingRun(config.workers(), first.resumedFromStep(), first.steps(), first.epochs(),
                first.model(), exported, metrics, stats);
    }

    private static void export(TrainingJob job, byte[] model, Path target) throws IOException {
        try (WorkerModel replica = Backends.find(job.framework()).create(job.model(), job.config().settings(),
                job.config().seed(), List.of())) {
            replica.readCheckpoint(new ByteArrayInputStream(model));
            AtomicFiles.writeDirectory(target, replica::export);
        }
    }

    private static String metricsJson(TrainingJob job, WorkerResult first, List<WorkerStats> stats) throws IOException {
        ObjectNode root = JSON.createObjectNode()
                .put("job", job.name()).put("framework", job.framework()).put("model", job.model().toString())
                .put("workers", job.config().workers()).put("globalBatchSize", job.config().globalBatchSize())
                .put("resumedFromStep", first.resumedFromStep()).put("steps", first.steps());
        root.set("epochs", JSON.valueToTree(first.epochs()));
        // This run's steps only: a resumed run's earlier steps are in the earlier run's TensorBoard file.
        ObjectNode stepLosses = root.putObject("stepLosses").put("firstStep", first.resumedFromStep() + 1);
        stepLosses.set("loss", JSON.valueToTree(first.stepLosses()));
        ArrayNode workers = root.putArray("workerStats");
        for (WorkerStats w : stats) {
            ObjectNode node = workers.addObject().put("rank", w.rank()).put("executorId", w.executorId())
                    .put("host", w.host());
            node.set("gpus", JSON.valueToTree(w.gpus()));
            node.put("examples", w.examples()).put("seconds", w.seconds())
                    .put("samplesPerSecond", w.samplesPerSecond()).put("computeFraction", w.computeFraction());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static RuntimeException rootCause(ProgressServer server, Exception failure) {
        if (server != null && server.firstFailure().isPresent()) {
            return new TrainingFailedException("training failed: " + server.firstFailure().get(), failure);
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure.getMessage(), failure);
    }

    /** The address executors reach the driver at; the progress listener binds there and nowhere else. */
    private static InetAddress driverAddress() throws IOException {
        return InetAddress.getByName(SparkEnv.get().blockManager().blockManagerId().host());
    }
}
