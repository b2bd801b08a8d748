package dev.gantry.benchmarks.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsTablesTest {
    private static RoundResult round(double clusterStart, double up, double job) {
        return new RoundResult(clusterStart, up, job, job / 10, 500, 0.5);
    }

    private static Map<String, List<RoundResult>> results() {
        Map<String, List<RoundResult>> results = new LinkedHashMap<>();
        results.put("embedded Mesos", List.of(round(20, 3000, 900), round(10, 2000, 700), round(30, 4000, 800)));
        results.put("local-cluster", List.of(round(0, 4000, 1000), round(0, 5000, 900), round(0, 6000, 1100)));
        return results;
    }

    @Test
    void perRoundTableHasOneRowPerRoundAndMode() {
        String table = ResultsTables.perRound(results());

        assertThat(table.lines()).hasSize(2 + 6);
        assertThat(table).contains("| 2 | embedded Mesos | 10 | 2000 | 700 | 70 | 500 | 0.50 |")
                .contains("| 3 | local-cluster | - | 6000 | 1100 | 110 | 500 | 0.50 |");
    }

    @Test
    void mediansAndTheirRatioEmbeddedOverLocalCluster() {
        String table = ResultsTables.medians(results(), "embedded Mesos", "local-cluster");

        assertThat(table).contains("| embedded Mesos | 20 | **3000** | **800** | 80 | 500 |")
                .contains("| local-cluster | - | **5000** | **1000** | 100 | 500 |")
                .contains("| ratio embedded Mesos / local-cluster | | **0.60** | **0.80** | 0.80 | 1.00 |");
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(ResultsTables.median(List.of(round(0, 1, 0), round(0, 4, 0), round(0, 2, 0), round(0, 3, 0)),
                RoundResult::executorsUpMs)).isEqualTo(2.5);
    }
}
