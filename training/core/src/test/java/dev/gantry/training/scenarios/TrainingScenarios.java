package dev.gantry.training.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.TrainConfig;
import dev.gantry.training.backend.Backends;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.spark.DistributedTrainer;
import dev.gantry.training.spark.TrainingRun;
import dev.gantry.training.tensorboard.TensorBoardOutput;
import dev.gantry.training.worker.ProgressSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every training backend must show, run by each backend module against its framework:
 * N workers compute what one does, the model learns (and TensorBoard holds every step's loss), a
 * killed run resumes from its checkpoint.
 * The same scenarios on a Mesos master live beside them in each module.
 */
public abstract class TrainingScenarios {
    @TempDir
    protected Path output;

    /** The backend under test: {@code tensorflow} or {@code dl4j}. */
    protected abstract String framework();

    @Test
    void twoWorkersWithHalfTheBatchEndWithTheWeightsOfOneWorkerWithTheWholeBatch() throws IOException {
        try (SparkSession spark = ScenarioJobs.session("local[2]", "equivalence").getOrCreate()) {
            for (Optimizer optimizer : List.of(Optimizer.SGD, Optimizer.ADAM)) {
                TrainConfig base = ScenarioJobs.config(1).withOptimizer(optimizer).withShuffle(false).withMaxSteps(12)
                        .withLearningRate(optimizer == Optimizer.SGD ? 0.1 : 0.01);
                float[] one = parameters(train(spark, "one-" + optimizer, base), base);
                float[] two = parameters(train(spark, "two-" + optimizer, base.withWorkers(2)), base);
                float[] initial = initialParameters(base);
                assertThat(one).as("training moved the weights").isNotEqualTo(initial);
                for (int i = 0; i < one.length; i++) {
                    assertThat(two[i]).as("%s parameter %d", optimizer, i)
                            .isCloseTo(one[i], org.assertj.core.data.Offset.offset(1e-4f + 1e-3f * Math.abs(one[i])));
                }
            }
        }
    }

    @Test
    void twoWorkersReachNinetyFivePercentOnLocalSpark() throws IOException {
        try (SparkSession spark = ScenarioJobs.session("local[2]", "learning").getOrCreate()) {
            TrainingRun run = new DistributedTrainer(spark).train(
                    ScenarioJobs.job("learning", framework(), ScenarioJobs.config(2), output.toString()),
                    ScenarioJobs.data(spark, 4000, false), ScenarioJobs.data(spark, 1000, true),
                    "features", "label", ProgressSink.NONE);
            assertThat(run.last().accuracy()).isGreaterThanOrEqualTo(0.95);
            assertThat(run.exported()).isDirectoryContaining(p -> true);
            assertThat(run.metrics()).content().contains("\"accuracy\"");
            TensorBoardOutput.assertOneLossPerStepAsInMetrics(output);
        }
    }

    @Test
    void aKilledRunResumesFromItsLatestCheckpoint() throws Exception {
        Path out = output.resolve("resumable");
        Process first = resumableRun(out).start();
        try {
            awaitCheckpoint(out.resolve("checkpoints"), Duration.ofMinutes(3));
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        long checkpointed = latestStep(out.resolve("checkpoints"));
        assertThat(checkpointed).isPositive();
        Process second = resumableRun(out).redirectErrorStream(true).start();
        String log = new String(second.getInputStream().readAllBytes());
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(second.exitValue()).as(log).isZero();
        assertThat(log).containsPattern("resumed-from \\d+ steps 1250");
        long resumedFrom = Long.parseLong(log.replaceAll("(?s).*resumed-from (\\d+) steps.*", "$1"));
        assertThat(resumedFrom).isGreaterThanOrEqualTo(checkpointed).isLessThan(1250);
    }

    protected TrainingRun train(SparkSession spark, String name, TrainConfig config) {
        return new DistributedTrainer(spark).train(
                ScenarioJobs.job(name, framework(), config, output.resolve(name).toString()),
                ScenarioJobs.data(spark, 2000, false), null, "features", "label", ProgressSink.NONE);
    }

    protected float[] parameters(TrainingRun run, TrainConfig config) throws IOException {
        try (WorkerModel replica = Backends.find(framework()).create(ScenarioJobs.mlp(), config.settings(), 1, List.of())) {
            replica.readCheckpoint(new ByteArrayInputStream(run.model()));
            float[] p = new float[Math.toIntExact(replica.parameterCount())];
            replica.readParameters(p);
            return p;
        }
    }

    private float[] initialParameters(TrainConfig config) {
        try (WorkerModel replica = Backends.find(framework()).create(ScenarioJobs.mlp(), config.settings(), config.seed(), List.of())) {
            float[] p = new float[Math.toIntExact(replica.parameterCount())];
            replica.readParameters(p);
            return p;
        }
    }

    private ProcessBuilder resumableRun(Path out) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-XX:+IgnoreUnrecognized") || a.startsWith("-Djdk.reflect")
                        || a.startsWith("-Dio.netty") || a.startsWith("--enable-native")).toList());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ResumableRun.class.getName());
        command.add(framework());
        command.add(out.toString());
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    private static void awaitCheckpoint(Path dir, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (latestStep(dir) == 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    protected static long latestStep(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("step-\\d+"))
                    .mapToLong(n -> Long.parseLong(n.substring(5))).max().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }
}
