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
                SoftmaxRegression model = new SoftmaxRegression(6, 4, 0.5f, 1 + w);
                models.add(model);
                WorkerLoop loop = new WorkerLoop(model, ring.get(w), shards.get(w), w == 0 ? validation : null,
                        config, store, "job", ProgressSink.NONE);
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
