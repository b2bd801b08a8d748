package dev.gantry.benchmarks.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrandedGpusTest {
    private static final Resources SMALLEST = new Resources(4, 32_768, 1);

    @Test
    void countsFreeGpusOnlyWhereTheCpusOrMemoryForTheSmallestGpuExecutorAreGone() {
        Cluster cluster = TinyClusters.cluster(
                List.of(AgentType.H100, AgentType.H100, AgentType.A100, AgentType.A100, AgentType.CPU_ONLY),
                List.of(
                        new Resources(3, 500_000, 3),     // too few CPUs: 3 stranded
                        new Resources(16, 30_000, 2),     // too little memory: 2 stranded
                        new Resources(4, 32_768, 5),      // exactly the smallest executor: none
                        new Resources(0, 0, 0),           // nothing free, no GPUs: none
                        new Resources(1, 1_024, 0)));     // CPU-only agent: none

        assertThat(StrandedGpus.squatted(cluster, SMALLEST)).isEqualTo(5);
    }

    @Test
    void overGrantedGpusAreThoseBeyondEachExecutorsAsk() {
        Resources oneGpu = new Resources(4, 32_768, 1);
        List<ExecutorGrant> grants = List.of(
                new ExecutorGrant(0, new Resources(4, 32_768, 8), oneGpu),   // 7 beyond the ask
                new ExecutorGrant(0, new Resources(4, 32_768, 0), oneGpu),   // too few: not placed, not stranded
                new ExecutorGrant(1, new Resources(4, 32_768, 1), oneGpu),
                new ExecutorGrant(2, new Resources(8, 32_768, 3), new Resources(8, 32_768, 2)));

        assertThat(StrandedGpus.overGranted(grants)).isEqualTo(8);
        assertThat(grants).extracting(ExecutorGrant::placed).containsExactly(true, false, true, true);
    }

    @Test
    void theSmallestGpuExecutorIsTheLeastCpusAndLeastMemoryOfTheGpuJobsApart() {
        List<Job> jobs = List.of(
                new Job(0, JobKind.ETL, 4, new Resources(1, 1_024, 0), Map.of(), false),
                new Job(1, JobKind.INFERENCE, 1, new Resources(6, 16_384, 1), Map.of(), false),
                new Job(2, JobKind.TWO_GPU, 1, new Resources(2, 65_536, 2), Map.of(), false));

        assertThat(StrandedGpus.smallestGpuExecutor(jobs)).isEqualTo(new Resources(2, 16_384, 1));
        assertThatThrownBy(() -> StrandedGpus.smallestGpuExecutor(jobs.subList(0, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSimulationReportsSparksOverGrantAndWhatCpuWorkLeftBehind() {
        // One H100 agent with everything free, one whose CPUs are nearly gone.
        Cluster cluster = TinyClusters.cluster(List.of(AgentType.H100, AgentType.H100),
                List.of(AgentType.H100.capacity(), new Resources(2, 500_000, 4)));
        List<Job> jobs = List.of(TinyClusters.job(0, JobKind.INFERENCE, 2));

        PlacerResult spark = new Simulation(1).run(new SparkSimPlacer(), cluster.copy(), jobs);
        PlacerResult gantry = new Simulation(1).run(new GantrySimPlacer(), cluster.copy(), jobs);

        // Spark: the first executor takes both GPUs of the cap (1 beyond its ask), the second gets none.
        assertThat(spark.executorsPlaced()).isEqualTo(1);
        assertThat(spark.gpusOverGranted()).isEqualTo(1);
        assertThat(spark.gpusSquatted()).isEqualTo(4);
        assertThat(spark.gpusStranded()).isEqualTo(5);
        assertThat(spark.gpusPlaced()).isEqualTo(1);
        assertThat(gantry.executorsPlaced()).isEqualTo(2);
        assertThat(gantry.gpusPlaced()).isEqualTo(2);
        assertThat(gantry.gpusStranded()).isEqualTo(4);
    }
}
