package dev.gantry.benchmarks.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every placer must respect on a small generated cluster, checked round by round against
 * the offers it was given, independently of {@link Cluster#apply}'s own check.
 */
class PlacerContractTest {

    static Stream<Arguments> placersAndSeeds() {
        List<Arguments> arguments = new ArrayList<>();
        for (Supplier<SimulatedPlacer> placer : PlacementSimulator.placers()) {
            for (long seed : new long[] {1, 2, 3}) {
                arguments.add(Arguments.of(placer, seed));
            }
        }
        return arguments.stream();
    }

    /** Checks each round's grants against that round's offers before passing them on. */
    private static final class CheckingPlacer implements SimulatedPlacer {
        private final SimulatedPlacer placer;
        int rounds;
        int grants;

        CheckingPlacer(SimulatedPlacer placer) {
            this.placer = placer;
        }

        @Override
        public String name() {
            return placer.name();
        }

        @Override
        public RoundOutcome place(Job job, List<AgentOffer> offers) {
            RoundOutcome outcome = placer.place(job, offers);
            Map<Integer, AgentOffer> offered = new HashMap<>();
            offers.forEach(offer -> offered.put(offer.agentIndex(), offer));
            Map<Integer, Resources> taken = new HashMap<>();
            for (ExecutorGrant grant : outcome.grants()) {
                AgentOffer offer = offered.get(grant.agentIndex());
                assertThat(offer).as("%s launched on an agent it was not offered", name()).isNotNull();
                assertThat(grant.asked()).isEqualTo(job.executor());
                job.constraints().forEach((name, value) ->
                        assertThat(offer.agent().attributes()).as("%s on %s", name(), offer.agent().id())
                                .containsEntry(name, value));
                taken.merge(grant.agentIndex(), grant.granted(), Resources::plus);
            }
            taken.forEach((agent, resources) -> assertThat(offered.get(agent).free().holds(resources))
                    .as("%s over-commits %s: offered %s, took %s", name(), offered.get(agent).agent().id(),
                            offered.get(agent).free(), resources)
                    .isTrue());
            assertThat(outcome.grants().size()).isLessThanOrEqualTo(job.executors());
            rounds++;
            grants += outcome.grants().size();
            return outcome;
        }

        @Override
        public void close() {
            placer.close();
        }
    }

    @ParameterizedTest
    @MethodSource("placersAndSeeds")
    void neverOverCommitsAnAgentNorBreaksAConstraint(Supplier<SimulatedPlacer> placer, long seed) {
        Cluster cluster = new ClusterGenerator(seed).generate(60);
        List<Job> jobs = new JobMixGenerator(seed).generate(60);

        try (CheckingPlacer checking = new CheckingPlacer(placer.get())) {
            PlacerResult result = new Simulation(seed).run(checking, cluster, jobs);

            assertThat(checking.rounds).isEqualTo(jobs.size());
            assertThat(checking.grants).isPositive();
            assertThat(result.executorsPlaced()).isPositive().isLessThanOrEqualTo(result.executorsRequested());
        }
        for (Resources free : cluster.freeResources()) {
            assertThat(free.nonNegative()).isTrue();
        }
    }
}
