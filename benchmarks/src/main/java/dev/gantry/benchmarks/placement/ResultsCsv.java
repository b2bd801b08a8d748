package dev.gantry.benchmarks.placement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** All results of a run as CSV: one row per cluster size and placer. */
public final class ResultsCsv {
    static final String HEADER = "agents,placer,rounds,median_round_ms,p95_round_ms,executors_placed,"
            + "executors_requested,gangs_placed,gangs_requested,gpus_placed,gpus_stranded,gpus_over_granted,gpus_squatted,"
            + "gpus_total,gpus_free_at_start,gpus_stranded_at_start,gpus_requested";

    private ResultsCsv() {}

    public static List<String> lines(List<SizeResult> sizes) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (SizeResult size : sizes) {
            for (PlacerResult r : size.placers()) {
                lines.add(String.format(Locale.ROOT, "%d,%s,%d,%.4f,%.4f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d",
                        size.agents(), r.placer(), r.roundNanos().length, r.medianMillis(), r.p95Millis(),
                        r.executorsPlaced(), r.executorsRequested(), r.gangsPlaced(), r.gangsRequested(), r.gpusPlaced(),
                        r.gpusStranded(), r.gpusOverGranted(), r.gpusSquatted(), size.gpus(), size.gpusFree(),
                        size.gpusStrandedAtStart(), size.gpusRequested()));
            }
        }
        return lines;
    }

    public static void write(List<SizeResult> sizes, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines(sizes));
    }
}
