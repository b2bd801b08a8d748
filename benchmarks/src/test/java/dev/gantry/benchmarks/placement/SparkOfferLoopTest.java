package dev.gantry.benchmarks.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkOfferLoopTest {
    private static final Map<String, String> H100 = Map.of("gpu_model", "H100");
    private static final Map<String, String> A100 = Map.of("gpu_model", "A100");

    private final SparkOfferLoop loop = new SparkOfferLoop();

    private static SparkOfferLoop.Offer offer(String agent, double cpus, int gpus, Map<String, String> attributes) {
        return new SparkOfferLoop.Offer(agent, agent + ".example", attributes, cpus, 1_048_576, gpus);
    }

    /** N executors of {@code cores} cores and {@code gpus} GPUs, as a user sets spark.cores.max and gpus.max. */
    private static SparkOfferLoop.Conf executors(int n, double cores, int gpus, String constraints) {
        return new SparkOfferLoop.Conf(cores, 32_768, n * cores, n * gpus, constraints);
    }

    @Test
    void theFirstExecutorOnAnAgentTakesAllItsGpusUpToTheCapAndLaterOnesGetNone() {
        List<SparkOfferLoop.Offer> offers = List.of(offer("a", 64, 8, H100));

        List<SparkOfferLoop.Launch> launches = loop.launch(offers, executors(2, 4, 2, ""), Map.of());

        // Two executors of two GPUs: gpus.max is 4, so the first takes 4 of the 8, the second none.
        assertThat(launches).containsExactly(
                new SparkOfferLoop.Launch(0, 4, 32_768, 4),
                new SparkOfferLoop.Launch(0, 4, 32_768, 0));
    }

    @Test
    void aOneGpuJobOverTwoAgentsGetsOneExecutorWithAllTheGpusItMayHave() {
        List<SparkOfferLoop.Offer> offers = List.of(offer("a", 64, 8, H100), offer("b", 64, 8, H100));

        List<SparkOfferLoop.Launch> launches = loop.launch(offers, executors(4, 4, 1, ""), Map.of());

        // Round-robin, one executor per offer per pass: a, b, a, b. The first takes the whole cap.
        assertThat(launches).extracting(SparkOfferLoop.Launch::offerIndex).containsExactly(0, 1, 0, 1);
        assertThat(launches).extracting(SparkOfferLoop.Launch::gpus).containsExactly(4, 0, 0, 0);
    }

    @Test
    void eightGpuExecutorsOnWholeAgentsGetWhatTheyAsk() {
        List<SparkOfferLoop.Offer> offers = List.of(offer("a", 64, 8, H100), offer("b", 64, 8, H100));

        List<SparkOfferLoop.Launch> launches = loop.launch(offers, executors(2, 48, 8, ""), Map.of());

        assertThat(launches).extracting(SparkOfferLoop.Launch::gpus).containsExactly(8, 8);
    }

    @Test
    void gpusAreNotPartOfTheFitTestSoExecutorsLandOnAgentsWithoutGpus() {
        List<SparkOfferLoop.Offer> offers = List.of(offer("cpu", 64, 0, Map.of()), offer("a", 64, 8, H100));

        List<SparkOfferLoop.Launch> launches = loop.launch(offers, executors(2, 8, 1, ""), Map.of());

        assertThat(launches).containsExactly(
                new SparkOfferLoop.Launch(0, 8, 32_768, 0),
                new SparkOfferLoop.Launch(1, 8, 32_768, 2));
    }

    @Test
    void stopsAtTheCoresCapAndWhenNoOfferHoldsAnotherExecutor() {
        List<SparkOfferLoop.Offer> offers = List.of(offer("a", 10, 0, Map.of()), offer("b", 4, 0, Map.of()));

        assertThat(loop.launch(offers, executors(10, 4, 0, ""), Map.of()))
                .extracting(SparkOfferLoop.Launch::offerIndex).containsExactly(0, 1, 0);
        assertThat(loop.launch(offers, executors(2, 4, 0, ""), Map.of()))
                .extracting(SparkOfferLoop.Launch::offerIndex).containsExactly(0, 1);
    }

    @Test
    void honoursConstraintsAndSkipsAgentsWithTwoFailures() {
        List<SparkOfferLoop.Offer> offers = List.of(offer("a", 64, 8, A100), offer("b", 64, 8, H100),
                offer("c", 64, 8, H100));

        List<SparkOfferLoop.Launch> launches = loop.launch(offers, executors(4, 8, 0, "gpu_model:H100"),
                Map.of("b", 2, "c", 1));

        assertThat(launches).extracting(SparkOfferLoop.Launch::offerIndex).containsExactly(2, 2, 2, 2);
    }
}
