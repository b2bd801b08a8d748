package dev.gantry.training.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.training.TrainConfig;
import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.checkpoint.CheckpointStore;
import dev.gantry.training.checkpoint.ForeignCheckpointException;
import dev.gantry.training.collective.Collectives;
import dev.gantry.training.collective.SoloCollectives;
import dev.gantry.training.data.SyntheticClassification;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerLoopTest {
    private static final SyntheticClassification DATA = SyntheticClassification.separable(6, 4, 11);
    private static final int EXAMPLES = 256;

    @TempDir
    Path dir;

    private static TrainConfig config(int workers, int batch) {
        return TrainConfig.defaults().withWorkers(workers).withBatch(batch).withEpochs(2).withShuffle(false)
                .withOptimizer(Optimizer.SGD).withLearningRate(0.5);
    }

    @Test
    void twoAndFourWorkersComputeWhatOneWorkerWithTheWholeBatchComputes() throws Exception {
        float[] one = train(config(1, 8), null).parameters;
        float[] two = train(config(2, 8), null).parameters;
        float[] four = train(config(4, 8), null).parameters;
        assertThat(two).containsExactly(one, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(four).containsExactly(one, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(one).isNotEqualTo(new SoftmaxRegression(6, 4, 0.5f, 1).weightsForTest());
    }

    @Test
    void everyReplicaEndsIdenticalEvenWhenTheyStartDifferent() throws Exception {
        Run run = train(config(3, 9).withShuffle(true), null);
        for (float[] replica : run.replicas) {
            assertThat(replica).containsExactly(run.parameters);
        }
    }

    @Test
    void learnsAndReportsEveryEpoch() throws Exception {
        Run run = train(config(2, 16).withEpochs(3), null);
        WorkerResult first = run.results.get(0);
        assertThat(first.epochs()).hasSize(3);
        assertThat(first.epochs().get(2).accuracy()).isGreaterThan(0.9);
        assertThat(first.epochs().get(2).loss()).isLessThan(first.epochs().get(0).loss());
        assertThat(first.steps()).isEqualTo(3L * (EXAMPLES / 16));
        for (WorkerResult result : run.results) {
            assertThat(result.stats().rank()).isEqualTo(result.rank());
            assertThat(result.stats().examples()).as("each worker computes half of every global batch")
                    .isEqualTo(first.steps() * 8);
            assertThat(result.stats().computeSeconds()).isPositive().isLessThanOrEqualTo(result.stats().seconds());
        }
    }

    @Test
    void aRerunResumesFromTheLatestCheckpointAndEndsWhereAnUninterruptedRunEnds() throws Exception {
        TrainConfig full = config(2, 8).withCheckpointSteps(5);
        Run interrupted = train(full.withMaxSteps(15), new CheckpointStore(dir.resolve("a"), 3));
        assertThat(interrupted.results.get(0).steps()).isEqualTo(15);
        Run resumed = train(full, new CheckpointStore(dir.resolve("a"), 3));
        Run straight = train(full, new CheckpointStore(dir.resolve("b"), 3));
        assertThat(resumed.results.get(0).resumedFromStep()).isEqualTo(15);
        assertThat(straight.results.get(0).resumedFromStep()).isZero();
        assertThat(resumed.parameters).containsExactly(straight.parameters, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void aResumedRunReportsEveryEpochAsAnUndisturbedRunDoes() throws Exception {
        // 32 steps per epoch; interrupted mid-way through the second epoch, after a checkpoint at step 40.
        TrainConfig full = config(2, 8).withEpochs(3).withCheckpointSteps(10);
        train(full.withMaxSteps(45), new CheckpointStore(dir.resolve("a"), 3));
        List<EpochMetrics> resumed = train(full, new CheckpointStore(dir.resolve("a"), 3)).results.get(0).epochs();
        List<EpochMetrics> straight = train(full, new CheckpointStore(dir.resolve("b"), 3)).results.get(0).epochs();

        assertThat(resumed).hasSize(3);
        for (int e = 0; e < 3; e++) {
            assertThat(resumed.get(e).epoch()).isEqualTo(straight.get(e).epoch());
            assertThat(resumed.get(e).step()).isEqualTo(straight.get(e).step());
            assertThat(resumed.get(e).loss()).as("epoch %d loss", e + 1).isCloseTo(straight.get(e).loss(), offset(1e-9));
            assertThat(resumed.get(e).accuracy()).isEqualTo(straight.get(e).accuracy());
        }
    }

    @Test
    void aRunAskedToStopMidEpochCheckpointsTheStepWhereAllItsWorkersStoppedAndResumesToTheUndisturbedResult()
            throws Exception {
        for (int workers : new int[] {1, 2, 3}) {
            // 32 steps per epoch; periodic checkpoints at steps 10, 20, 30, ...
            TrainConfig full = config(workers, 12).withEpochs(3).withCheckpointSteps(10);
            CheckpointStore store = new CheckpointStore(dir.resolve("stopped-" + workers), 5);
            // Only the last worker is asked, before its 14th step: all must stop after step 14, mid-epoch.
            java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
            List<java.util.function.BooleanSupplier> stops = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                stops.add(w == workers - 1 ? () -> asked.incrementAndGet() >= 14 : () -> false);
            }
            Run stopped = train(full, store, stops);

            assertThat(stopped.results).as("%d workers", workers).allSatisfy(r -> {
                assertThat(r.requested()).isTrue();
                assertThat(r.failure()).isEqualTo("stopped as asked after step 14 of " + 3 * (EXAMPLES / 12)
                        + "; the checkpoint at step 14 is kept in " + store.dir());
            });
            for (float[] replica : stopped.replicas) {
                assertThat(replica).as("every replica stopped at the same step").containsExactly(stopped.parameters);
            }
            assertThat(store.latest("job").orElseThrow().state().step()).isEqualTo(14);
            assertThat(store.dir().resolve("step-000000010")).as("the periodic checkpoint before it").isDirectory();

            Run resumed = train(full, store);
            Run straight = train(full, new CheckpointStore(dir.resolve("straight-" + workers), 5));
            assertThat(resumed.results.get(0).resumedFromStep()).isEqualTo(14);
            assertThat(resumed.parameters).as("%d workers", workers)
                    .containsExactly(straight.parameters, org.assertj.core.data.Offset.offset(1e-6f));
            List<EpochMetrics> epochs = resumed.results.get(0).epochs();
            assertThat(epochs).hasSize(3);
            for (int e = 0; e < 3; e++) {
                assertThat(epochs.get(e).loss()).as("epoch %d loss", e + 1)
                        .isCloseTo(straight.results.get(0).epochs().get(e).loss(), offset(1e-9));
            }
        }
    }

    @Test
    void aStopAskedForAtTheLastStepFinishesTheRun() throws Exception {
        TrainConfig config = config(2, 8).withMaxSteps(5);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        Run run = train(config, new CheckpointStore(dir, 3), List.of(() -> asked.incrementAndGet() >= 5, () -> false));
        assertThat(run.results).allSatisfy(r -> assertThat(r.failed()).isFalse());
        assertThat(run.results.get(0).steps()).isEqualTo(5);
        assertThat(run.results.get(0).model()).isNotEmpty();
    }

    @Test
    void aLossThatBecomesNanStopsEveryWorkerAtTheSameStepKeepingTheLastCheckpoint() throws Exception {
        TrainConfig exploding = config(2, 8).withLearningRate(1e38).withCheckpointSteps(1);
        Run run = train(exploding, new CheckpointStore(dir, 3));

        WorkerResult first = run.results.get(0);
        assertThat(first.failure()).startsWith("training diverged: the loss is").contains("nothing was exported")
                .contains("training.stopOnDivergence");
        assertThat(run.results).allSatisfy(r -> assertThat(r.failure()).isEqualTo(first.failure()));
        assertThat(first.model()).isEmpty();
        long stoppedAt = Long.parseLong(first.failure().replaceAll(".* at step (\\d+) of .*", "$1"));
        assertThat(new CheckpointStore(dir, 3).latest("job").map(c -> c.state().step()).orElse(0L))
                .as("every checkpoint before the diverged step is kept, none after").isEqualTo(stoppedAt - 1);
    }

    @Test
    void withStopOnDivergenceOffANanLossTrainsToTheEnd() throws Exception {
        Run run = train(config(2, 8).withLearningRate(1e38).withStopOnDivergence(false), null);
        assertThat(run.results).allSatisfy(r -> assertThat(r.failed()).isFalse());
        assertThat(run.results.get(0).steps()).isEqualTo(2L * (EXAMPLES / 8));
    }

    @Test
    void aCheckpointThatCannotBeWrittenStopsEveryWorkerWithWorkerZerosReason() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("checkpoints"), "a file where the checkpoints should go");
        Run run = train(config(2, 8).withCheckpointSteps(5), new CheckpointStore(dir, 3));

        assertThat(run.results.get(0).failure()).startsWith("worker 0 cannot write the checkpoint at step 5 to "
                + dir.resolve("checkpoints"));
        assertThat(run.results.get(1).failure()).isEqualTo("worker 0 could not write the checkpoint at step 5");
    }

    @Test
    void whenNoCheckpointIsIntactEveryWorkerStopsWithTheDamageInsteadOfHanging() throws Exception {
        CheckpointStore store = new CheckpointStore(dir, 3);
        train(config(2, 8).withMaxSteps(5).withCheckpointSteps(5), store);
        java.nio.file.Path model = store.dir().resolve("step-000000005").resolve("model.bin");
        byte[] bytes = java.nio.file.Files.readAllBytes(model);
        bytes[0] ^= 1;
        java.nio.file.Files.write(model, bytes);

        Run run = train(config(2, 8), store);
        assertThat(run.results).allSatisfy(r -> assertThat(r.failure())
                .startsWith("no intact checkpoint in " + store.dir())
                .contains("step-000000005: model.bin does not match its SHA-256"));
    }

    @Test
    void refusesAnotherJobsCheckpoints() throws Exception {
        CheckpointStore store = new CheckpointStore(dir, 3);
        train(config(1, 8).withMaxSteps(3), store);
        assertThatThrownBy(() -> new WorkerLoop(new SoftmaxRegression(6, 4, 0.5f, 1), new SoloCollectives(),
                shards(1).get(0), null, config(1, 8), store, "another job", ProgressSink.NONE).run())
                .isInstanceOf(ForeignCheckpointException.class)
                .hasMessageContaining("holds checkpoints of another job");
    }

    @Test
    void tooLittleDataForOneGlobalBatchIsAClearError() {
        TrainConfig config = config(1, 512);
        assertThatThrownBy(() -> new WorkerLoop(new SoftmaxRegression(6, 4, 0.5f, 1), new SoloCollectives(),
                shards(1).get(0), null, config, null, "job", ProgressSink.NONE).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the data has 256 examples over 1 workers, too few for one global batch of 512");
    }

    /** Example i goes to worker i mod n, as the Spark layer deals them. */
    static List<Shard> shards(int workers) {
        Batch all = DATA.batch(0, EXAMPLES);
        List<Shard> shards = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int count = (EXAMPLES - w + workers - 1) / workers;
            int[] order = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = w + i * workers;
            }
            Shard whole = new Shard(all.features(), all.labels(), DATA.featureCount());
            Batch mine = whole.batch(order, 0, count);
            shards.add(new Shard(mine.features(), mine.labels(), DATA.featureCount()));
        }
        return shards;
    }

    private record Run(List<WorkerResult> results, float[] parameters, List<float[]> replicas) {}

    private Run train(TrainConfig config, CheckpointStore store) throws Exception {
        return train(config, store, java.util.Collections.nCopies(config.workers(), () -> false));
    }

    /** @param stops whether each worker is asked to stop, asked once before each of its steps */
    private Run train(TrainConfig config, CheckpointStore store, List<java.util.function.BooleanSupplier> stops)
            throws Exception {
        int n = config.workers();
        List<Collectives> ring = n == 1 ? List.of(new SoloCollectives()) : ThreadCollectives.group(n);
        List<Shard> shards = shards(n);
        Shard validation = shards(1).get(0);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<SoftmaxRegression> models = new ArrayList<>();
            List<Future<WorkerResult>> futures = new ArrayList<>();
            for (int w = 0; w < n; w++) {
                // different seeds: the loop must make replicas equal by itself
                SoftmaxRegression model = new SoftmaxRegression(6, 4, (float) config.learningRate(), 1 + w);
                models.add(model);
                WorkerLoop loop = new WorkerLoop(model, ring.get(w), shards.get(w), w == 0 ? validation : null,
                        config, store, "job", ProgressSink.NONE).stopWhen(stops.get(w));
                futures.add(pool.submit(loop::run));
            }
            List<WorkerResult> results = new ArrayList<>();
            for (Future<WorkerResult> f : futures) {
                results.add(f.get());
            }
            List<float[]> replicas = new ArrayList<>();
            for (SoftmaxRegression m : models) {
                replicas.add(m.weightsForTest());
            }
            return new Run(results, replicas.get(0), replicas);
        } finally {
            pool.shutdownNow();
        }
    }
}
