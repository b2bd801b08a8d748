package dev.gantry.benchmarks.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsOutputTest {
    private static SizeResult size(int agents, int placedByGantry) {
        return new SizeResult(agents, agents * 8, agents * 4, agents / 10, agents / 3, agents * 4, List.of(
                new PlacerResult("Gantry", new long[] {1_000_000, 3_000_000}, placedByGantry, 100, 9, 10, 300, 0, 5),
                new PlacerResult("Spark 3.5 offer loop", new long[] {500_000}, 40, 100, 1, 10, 120, 30, 7)));
    }

    @Test
    void csvHasOneRowPerSizeAndPlacer() {
        List<String> lines = ResultsCsv.lines(List.of(size(100, 90), size(1_000, 95)));

        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("agents,placer,rounds,median_round_ms");
        assertThat(lines.get(1)).startsWith("100,Gantry,2,1.0000,3.0000,90,100,9,10,300,5,0,5,");
        assertThat(lines.get(4)).startsWith("1000,Spark 3.5 offer loop,1,0.5000,0.5000,40,100,1,10,120,37,30,7,");
    }

    @Test
    void tableNamesTheClusterAndEveryPlacer() {
        String table = ResultsTable.format(size(1_000, 95));

        assertThat(table).contains("### 1,000 agents: 8,000 GPUs, 4,000 free")
                .contains("| Gantry | 1.000 | 3.000 | 95 | 9 | 300 | 5 (0 + 5) |")
                .contains("| Spark 3.5 offer loop | 0.500 | 0.500 | 40 | 1 | 120 | 37 (30 + 7) |");
    }

    @Test
    void chartIsAPng(@TempDir Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path png = dir.resolve("plot.png");

        PlacedVersusSizeChart.write(List.of(size(100, 90), size(1_000, 95)), png);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }
}
