package dev.gantry.training.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.collective.Collectives;
import dev.gantry.training.collective.SoloCollectives;
import dev.gantry.training.data.SyntheticClassification;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SyncStepTest {
    private static final SyntheticClassification DATA = SyntheticClassification.separable(6, 4, 3);

    @Test
    void unequalSharesOfTheGlobalBatchComputeWhatOneWorkerWithAllOfItComputes() throws Exception {
        int[] shares = {3, 3, 2};
        int global = 8;
        SoftmaxRegression alone = new SoftmaxRegression(6, 4, 0.5f, 1);
        SyncStep solo = new SyncStep(alone, new SoloCollectives(), global);
        List<SoftmaxRegression> replicas = List.of(new SoftmaxRegression(6, 4, 0.5f, 1),
                new SoftmaxRegression(6, 4, 0.5f, 1), new SoftmaxRegression(6, 4, 0.5f, 1));
        List<Collectives> ring = ThreadCollectives.group(shares.length);
        ExecutorService pool = Executors.newFixedThreadPool(shares.length);
        try {
            for (int step = 0; step < 5; step++) {
                long first = (long) step * global;
                double expected = solo.run(DATA.batch(first, global));
                List<Future<Double>> losses = new ArrayList<>();
                long from = first;
                for (int w = 0; w < shares.length; w++) {
                    Batch share = DATA.batch(from, shares[w]);
                    from += shares[w];
                    SyncStep sync = new SyncStep(replicas.get(w), ring.get(w), global);
                    losses.add(pool.submit(() -> sync.run(share)));
                }
                for (Future<Double> loss : losses) {
                    assertThat(loss.get()).as("every worker's loss is the global batch's mean, step %d", step)
                            .isCloseTo(expected, offset(1e-6));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (SoftmaxRegression replica : replicas) {
            assertThat(replica.weightsForTest()).containsExactly(alone.weightsForTest(), offset(1e-6f));
        }
        assertThat(alone.weightsForTest()).isNotEqualTo(new SoftmaxRegression(6, 4, 0.5f, 1).weightsForTest());
    }

    @Test
    void aWorkerWithoutPeersLetsTheBackendTakeTheWholeStep() {
        CountingModel model = new CountingModel();
        SyncStep sync = new SyncStep(model, new SoloCollectives(), 8);
        sync.run(DATA.batch(0, 8));
        sync.run(DATA.batch(8, 8));
        assertThat(model.trainSteps).isEqualTo(2);
        assertThat(model.exchanged).isZero();
        assertThat(sync.computeNanos()).isPositive();
    }

    @Test
    void workersWithPeersExchangeTheirGradients() throws Exception {
        List<Collectives> ring = ThreadCollectives.group(2);
        CountingModel first = new CountingModel();
        CountingModel second = new CountingModel();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Double> a = pool.submit(() -> new SyncStep(first, ring.get(0), 8).run(DATA.batch(0, 4)));
            Future<Double> b = pool.submit(() -> new SyncStep(second, ring.get(1), 8).run(DATA.batch(4, 4)));
            assertThat(a.get()).isEqualTo(b.get());
        } finally {
            pool.shutdownNow();
        }
        assertThat(first.exchanged).isEqualTo(1);
        assertThat(first.trainSteps).isZero();
        assertThat(first.weightsForTest()).containsExactly(second.weightsForTest());
    }

    @Test
    void aGlobalBatchOfNothingIsRefused() {
        assertThatThrownBy(() -> new SyncStep(new SoftmaxRegression(6, 4, 0.5f, 1), new SoloCollectives(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("global batch size");
    }

    /** Counts which way the step went, training as {@link SoftmaxRegression} does. */
    private static final class CountingModel extends SoftmaxRegression {
        int trainSteps;
        int exchanged;
        private boolean inTrainStep;

        CountingModel() {
            super(6, 4, 0.5f, 1);
        }

        @Override
        public float trainStep(Batch batch, float[] scratch) {
            trainSteps++;
            inTrainStep = true;
            try {
                return super.trainStep(batch, scratch);
            } finally {
                inTrainStep = false;
            }
        }

        @Override
        public void applyGradients(float[] gradients) {
            if (!inTrainStep) {
                exchanged++;
            }
            super.applyGradients(gradients);
        }
    }
}
