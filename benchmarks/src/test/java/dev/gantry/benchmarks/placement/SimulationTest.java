package dev.gantry.benchmarks.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {

    /** Two idle H100 agents: room for two eight-GPU workers, not three. */
    private static Cluster twoIdleAgents() {
        return TinyClusters.cluster(List.of(AgentType.H100, AgentType.H100),
                List.of(AgentType.H100.capacity(), AgentType.H100.capacity()));
    }

    @Test
    void aGangFenzoPlacesInPartIsRolledBackAndItsAgentsAreOfferedAgain() {
        List<Job> jobs = List.of(TinyClusters.job(0, JobKind.GANG_TRAINING, 3),
                TinyClusters.job(1, JobKind.GANG_TRAINING, 2));

        try (FenzoSimPlacer fenzo = new FenzoSimPlacer()) {
            PlacerResult result = new Simulation(1).run(fenzo, twoIdleAgents(), jobs);

            assertThat(result.gangsRequested()).isEqualTo(2);
            assertThat(result.gangsPlaced()).isEqualTo(1);
            assertThat(result.executorsPlaced()).isEqualTo(2);
        }
    }

    @Test
    void everyPlacerPlacesAGangThatFitsAndNoneThatDoesNot() {
        List<Job> jobs = List.of(TinyClusters.job(0, JobKind.GANG_TRAINING, 3),
                TinyClusters.job(1, JobKind.GANG_TRAINING, 2));
        for (var supplier : PlacementSimulator.placers()) {
            Cluster cluster = twoIdleAgents();
            try (SimulatedPlacer placer = supplier.get()) {
                PlacerResult result = new Simulation(1).run(placer, cluster, jobs);

                assertThat(result.gangsPlaced()).as(placer.name()).isEqualTo(1);
                assertThat(cluster.offers()).as(placer.name()).allSatisfy(o -> assertThat(o.free().gpus()).isZero());
            }
        }
    }

    @Test
    void aRunIsReproducibleForASeed() {
        Cluster cluster = new ClusterGenerator(5).generate(80);
        List<Job> jobs = new JobMixGenerator(5).generate(80);

        PlacerResult first = new Simulation(5).run(new SparkSimPlacer(), cluster.copy(), jobs);
        PlacerResult second = new Simulation(5).run(new SparkSimPlacer(), cluster.copy(), jobs);
        PlacerResult gantry = new Simulation(5).run(new GantrySimPlacer(), cluster.copy(), jobs);
        PlacerResult gantryAgain = new Simulation(5).run(new GantrySimPlacer(), cluster.copy(), jobs);

        assertThat(second.executorsPlaced()).isEqualTo(first.executorsPlaced());
        assertThat(second.gpusStranded()).isEqualTo(first.gpusStranded());
        assertThat(gantryAgain.executorsPlaced()).isEqualTo(gantry.executorsPlaced());
        assertThat(gantryAgain.gangsPlaced()).isEqualTo(gantry.gangsPlaced());
        assertThat(gantryAgain.gpusStranded()).isEqualTo(gantry.gpusStranded());
    }

    @Test
    void aClusterRefusesGrantsBeyondWhatIsFreeAndAppliesNothingThen() {
        Cluster cluster = twoIdleAgents();
        Resources eightGpus = JobKind.GANG_TRAINING.executor();
        List<ExecutorGrant> tooMany = List.of(new ExecutorGrant(0, eightGpus, eightGpus),
                new ExecutorGrant(1, eightGpus, eightGpus), new ExecutorGrant(1, eightGpus, eightGpus));

        assertThatThrownBy(() -> cluster.apply(tooMany)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("agent-00001");
        assertThat(cluster.freeResources()).containsOnly(AgentType.H100.capacity());
    }

    @Test
    void roundTimesAreReportedAsNearestRankPercentiles() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (100 - i) * 1_000_000L;
        }
        PlacerResult result = new PlacerResult("p", nanos, 0, 0, 0, 0, 0, 0, 0);

        assertThat(result.medianMillis()).isEqualTo(50.0);
        assertThat(result.p95Millis()).isEqualTo(95.0);
    }
}
