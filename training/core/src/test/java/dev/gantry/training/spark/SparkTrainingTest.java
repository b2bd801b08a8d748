package dev.gantry.training.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gantry.training.TrainConfig;
import dev.gantry.training.TrainingJob;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.data.DataSources;
import dev.gantry.training.data.DataSpec;
import dev.gantry.training.ml.GantryClassificationModel;
import dev.gantry.training.ml.GantryClassifier;
import dev.gantry.training.tensorboard.ParsedEvent;
import dev.gantry.training.tensorboard.TensorBoardOutput;
import dev.gantry.training.tensorboard.TensorBoardSink;
import dev.gantry.training.worker.FaultyDeviceBackend;
import dev.gantry.training.worker.ProgressSink;
import dev.gantry.training.worker.WorkerStats;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark layer on {@code local[2]} with a small pure-Java model; the frameworks have their own tests. */
class SparkTrainingTest {
    private static SparkSession spark;

    @TempDir
    Path output;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("spark-training-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Examples from index {@code offset} on; every offset draws from the same four classes. */
    private static Dataset<Row> data(int examples, long offset) {
        return DataSources.read(spark, new DataSpec("synthetic", null,
                Map.of("examples", Integer.toString(examples), "classes", "4", "offset", Long.toString(offset))), 8);
    }

    private TrainingJob job(String name, TrainConfig config) {
        return new TrainingJob(name, "softmax-test", ModelSpec.mlp(8, List.of(), 4), config, output.toString());
    }

    private static TrainConfig config() {
        return TrainConfig.defaults().withBatch(16).withEpochs(3).withOptimizer(Optimizer.SGD).withLearningRate(0.5);
    }

    @Test
    void parameterAveragingLearnsAndWritesModelAndMetrics() {
        TrainConfig config = config().withWorkers(2).withSync(TrainConfig.SyncMode.AVERAGING, 4);
        TrainingRun run = new DistributedTrainer(spark).train(job("avg", config), data(800, 0), data(200, 100_000),
                "features", "label", ProgressSink.NONE);
        assertThat(run.epochs()).hasSize(3);
        assertThat(run.last().accuracy()).isGreaterThan(0.9);
        assertThat(run.steps()).isEqualTo(3 * (800 / 16));
        assertThat(run.metrics()).content().contains("\"job\" : \"avg\"", "\"epochs\"");
        assertThat(run.exported().resolve("weights.bin")).isRegularFile();
        assertThat(run.exported().getParent().resolve("checkpoints")).isDirectory();
    }

    @Test
    void aDivergedLossStopsEitherSyncModeWithOneLineExportingNothing() {
        for (TrainConfig.SyncMode sync : TrainConfig.SyncMode.values()) {
            TrainConfig exploding = config().withWorkers(2).withSync(sync, 4).withLearningRate(1e38);
            TrainingJob job = new TrainingJob("diverges-" + sync, "softmax-test", ModelSpec.mlp(8, List.of(), 4),
                    exploding, output.resolve(sync.name()).toString());
            assertThatThrownBy(() -> new DistributedTrainer(spark).train(job, data(800, 0), null, "features", "label",
                    ProgressSink.NONE))
                    .as("%s", sync)
                    .isInstanceOf(TrainingStoppedException.class)
                    .hasMessageStartingWith("training diverged: the loss is")
                    .hasMessageContaining("nothing was exported");
            assertThat(output.resolve(sync.name()).resolve("model")).doesNotExist();
            assertThat(output.resolve(sync.name()).resolve("metrics.json")).doesNotExist();
        }
    }

    @Test
    void aWorkersOwnFailureIsReportedRatherThanItsPeersClosedConnection() {
        TrainingJob job = new TrainingJob("faulty", "faulty-device-test", ModelSpec.mlp(8, List.of(), 4),
                config().withWorkers(2), output.resolve("faulty").toString());
        assertThatThrownBy(() -> new DistributedTrainer(spark).train(job, data(800, 0), null, "features", "label",
                ProgressSink.NONE))
                .isInstanceOf(TrainingFailedException.class)
                .hasMessageStartingWith("training failed: worker 0 failed: on ")
                .hasMessageEndingWith(": java.lang.IllegalStateException: " + FaultyDeviceBackend.FAULT)
                .hasMessageNotContaining("closed");
        assertThat(output.resolve("faulty").resolve("model")).doesNotExist();
    }

    @Test
    void twoBarrierWorkersOnARingComputeWhatOneWorkerComputes() {
        TrainConfig one = config().withShuffle(false).withMaxSteps(20);
        TrainingRun alone = new DistributedTrainer(spark).train(job("alone", one), data(800, 0), null,
                "features", "label", ProgressSink.NONE);
        TrainingRun pair = new DistributedTrainer(spark).train(
                new TrainingJob("pair", "softmax-test", ModelSpec.mlp(8, List.of(), 4), one.withWorkers(2),
                        output.resolve("pair").toString()), data(800, 0), null, "features", "label", ProgressSink.NONE);
        assertThat(pair.steps()).isEqualTo(20);
        assertThat(pair.workerStats()).extracting(WorkerStats::rank).containsExactly(0, 1);
        assertThat(pair.workerStats()).allSatisfy(w -> {
            assertThat(w.examples()).isEqualTo(20 * 8);
            assertThat(w.executorId()).isNotBlank();
            assertThat(w.samplesPerSecond()).isPositive();
        });
        assertThat(pair.metrics()).content().contains("\"workerStats\"", "\"samplesPerSecond\"", "\"computeFraction\"");
        assertThat(floats(pair.model())).containsExactly(floats(alone.model()), org.assertj.core.data.Offset.offset(1e-5f));
    }

    /** The test model's checkpoint: a long, then the weights. */
    private static float[] floats(byte[] checkpoint) {
        java.nio.FloatBuffer buffer = java.nio.ByteBuffer.wrap(checkpoint, 8, checkpoint.length - 8).asFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    @Test
    void aStopRequestEndsEitherSyncModeAtOneStepWithItsCheckpointAndTheRerunEndsAsAnUndisturbedRun()
            throws InterruptedException {
        for (TrainConfig.SyncMode sync : TrainConfig.SyncMode.values()) {
            // 250 steps per epoch, checkpoints at the end of each: a stop cannot lean on a periodic one.
            // Averaging rounds of 25 steps, so that the runs take 40 Spark jobs, not 250.
            TrainConfig config = config().withWorkers(2).withSync(sync, 25).withShuffle(false).withEpochs(4);
            TrainingJob job = new TrainingJob("stop-" + sync, "softmax-test", ModelSpec.mlp(8, List.of(), 4), config,
                    output.resolve("stop-" + sync).toString());
            StopRequest stop = new StopRequest();
            // Asked before it starts: the job stops after the first step (the first round) where it hears so.
            stop.request();
            Throwable stopped = catchThrowable(() -> new DistributedTrainer(spark).train(job, data(4000, 0), null,
                    "features", "label", ProgressSink.NONE, stop));
            assertThat(stopped).as("%s", sync).isInstanceOf(StoppedOnRequestException.class);
            java.util.regex.Matcher at = java.util.regex.Pattern.compile(
                    "stopped as asked after step (\\d+) of 1000; the checkpoint at step \\1 is kept in "
                            + java.util.regex.Pattern.quote(job.checkpoints().dir().toString())).matcher(stopped.getMessage());
            assertThat(at.matches()).as(stopped.getMessage()).isTrue();
            long step = Long.parseLong(at.group(1));
            if (sync == TrainConfig.SyncMode.AVERAGING) {
                assertThat(step).as("the end of the first round").isEqualTo(25);
            }
            assertThat(job.checkpoints().latest(job.identity()).orElseThrow().state().step()).isEqualTo(step);
            assertThat(output.resolve("stop-" + sync).resolve("model")).doesNotExist();
            assertThat(stop.awaitEnd(java.time.Duration.ZERO)).as("training has ended").isTrue();

            TrainingRun resumed = new DistributedTrainer(spark).train(job, data(4000, 0), null, "features", "label",
                    ProgressSink.NONE);
            TrainingRun straight = new DistributedTrainer(spark).train(new TrainingJob("straight-" + sync, "softmax-test",
                    ModelSpec.mlp(8, List.of(), 4), config, output.resolve("straight-" + sync).toString()),
                    data(4000, 0), null, "features", "label", ProgressSink.NONE);
            assertThat(resumed.resumedFromStep()).isEqualTo(step);
            assertThat(floats(resumed.model())).as("%s", sync)
                    .containsExactly(floats(straight.model()), org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void parameterAveragingResumesFromTheDriversCheckpoint() throws java.io.IOException {
        TrainConfig config = config().withWorkers(2).withSync(TrainConfig.SyncMode.AVERAGING, 4).withCheckpointSteps(10);
        TrainingRun first = new DistributedTrainer(spark).train(job("avg-resume", config.withMaxSteps(30)), data(800, 0),
                null, "features", "label", ProgressSink.NONE);
        assertThat(first.steps()).isEqualTo(30);
        TrainingRun second = new DistributedTrainer(spark).train(job("avg-resume", config), data(800, 0), null,
                "features", "label", ProgressSink.NONE);
        assertThat(second.resumedFromStep()).isEqualTo(30);
        assertThat(second.steps()).isEqualTo(150);

        String metrics = java.nio.file.Files.readString(second.metrics());
        TrainingRun third = new DistributedTrainer(spark).train(job("avg-resume", config), data(800, 0), null,
                "features", "label", ProgressSink.NONE);
        assertThat(third.resumedFromStep()).isEqualTo(150);
        assertThat(third.metrics()).as("a rerun of a finished job keeps its metrics").hasContent(metrics);
        assertThat(metrics).contains("\"epoch\" : 3");
    }

    @Test
    void eachStepsLossIsInTensorBoardAsInMetricsJsonAndEachEpochsValidationBesideIt() throws java.io.IOException {
        for (TrainConfig.SyncMode sync : TrainConfig.SyncMode.values()) {
            TrainConfig config = config().withEpochs(2).withWorkers(2).withSync(sync, 4);
            Path out = output.resolve("board-" + sync);
            TrainingRun run = new DistributedTrainer(spark).train(new TrainingJob("board-" + sync, "softmax-test",
                    ModelSpec.mlp(8, List.of(), 4), config, out.toString()), data(800, 0), data(200, 100_000),
                    "features", "label", ProgressSink.NONE);
            Path events = out.resolve("tensorboard");

            assertThat(TensorBoardOutput.assertOneLossPerStepAsInMetrics(out)).as("%s", sync)
                    .isEqualTo(2 * 800 / 16);
            assertThat(ParsedEvent.scalars(events, TensorBoardSink.VALIDATION_ACCURACY))
                    .extracting(ParsedEvent.Scalar::step, ParsedEvent.Scalar::value)
                    .containsExactlyElementsOf(run.epochs().stream()
                            .map(e -> org.assertj.core.groups.Tuple.tuple(e.step(), (float) e.accuracy())).toList());
            assertThat(ParsedEvent.scalars(events, TensorBoardSink.VALIDATION_LOSS)).hasSize(2);
            assertThat(ParsedEvent.scalars(events, TensorBoardSink.EPOCH_LOSS)).extracting(ParsedEvent.Scalar::value)
                    .containsExactlyElementsOf(run.epochs().stream().map(e -> (float) e.loss()).toList());
            assertThat(ParsedEvent.scalars(events, TensorBoardSink.SAMPLES_PER_SECOND))
                    .isNotEmpty().allSatisfy(s -> assertThat(s.value()).isPositive());
        }
    }

    @Test
    void aTensorBoardDirectoryThatCannotBeWrittenIsToldOnceAndTrainingFinishes() throws java.io.IOException {
        List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProgressSink progress = new ProgressSink() {
            @Override
            public void step(int epoch, long step, long totalSteps, double loss, double samplesPerSecond) {
            }

            @Override
            public void epoch(dev.gantry.training.worker.EpochMetrics metrics) {
            }

            @Override
            public void note(String line) {
                notes.add(line);
            }
        };
        Path out = java.nio.file.Files.createDirectories(output.resolve("blocked"));
        java.nio.file.Files.writeString(out.resolve("tensorboard"), "a file where the directory would go");

        TrainingRun run = new DistributedTrainer(spark).train(new TrainingJob("blocked", "softmax-test",
                ModelSpec.mlp(8, List.of(), 4), config().withWorkers(2), out.toString()), data(800, 0), null,
                "features", "label", progress);

        assertThat(run.metrics()).exists();
        assertThat(run.exported()).isDirectory();
        assertThat(notes).filteredOn(n -> n.startsWith("TensorBoard events stop here")).hasSize(1);
    }

    @Test
    void anEstimatorInAPipelineTrainsAndPredicts() {
        GantryClassifier classifier = new GantryClassifier(job("pipeline", config()));
        GantryClassificationModel model = classifier.fit(data(800, 0));
        Dataset<Row> scored = model.transform(data(200, 100_000));
        assertThat(scored.columns()).contains("features", "label", "prediction", "probability");
        long right = scored.filter("cast(label as double) = prediction").count();
        assertThat(right / 200.0).isGreaterThan(0.9);
        assertThat(model.run().last().accuracy()).isNaN();
    }

    @Test
    void dataThatDoesNotFitTheModelFailsBeforeAnyTaskStarts() {
        Dataset<Row> wide = DataSources.read(spark, new DataSpec("synthetic", null, Map.of("examples", "50")), 9);
        assertThatThrownBy(() -> new DistributedTrainer(spark).train(job("bad", config()), wide, null,
                "features", "label", ProgressSink.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data: an example has 9 features but the model takes 8");
        assertThatThrownBy(() -> new DistributedTrainer(spark).train(job("bad", config()), data(50, 0), null,
                "pixels", "label", ProgressSink.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data has no column 'pixels' (columns: features, label)");
    }
}
