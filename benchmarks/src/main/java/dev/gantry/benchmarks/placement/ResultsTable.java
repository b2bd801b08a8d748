package dev.gantry.benchmarks.placement;

import java.util.Locale;

/** One cluster size's results as a Markdown table, ready to paste into RESULTS.md. */
public final class ResultsTable {
    private ResultsTable() {}

    public static String format(SizeResult size) {
        PlacerResult first = size.placers().get(0);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "### %,d agents: %,d GPUs, %,d free at the start (%,d of them already stranded); "
                        + "%,d jobs asking for %,d executors, %,d GPUs and %,d gangs%n%n",
                size.agents(), size.gpus(), size.gpusFree(), size.gpusStrandedAtStart(), size.jobs(),
                first.executorsRequested(), size.gpusRequested(), first.gangsRequested()));
        out.append("| placer | median round (ms) | p95 round (ms) | executors placed | gangs placed | GPUs placed "
                + "| GPUs stranded (over-granted + squatted) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (PlacerResult r : size.placers()) {
            out.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %,d | %,d | %,d | %,d (%,d + %,d) |%n",
                    r.placer(), r.medianMillis(), r.p95Millis(), r.executorsPlaced(), r.gangsPlaced(),
                    r.gpusPlaced(), r.gpusStranded(), r.gpusOverGranted(), r.gpusSquatted()));
        }
        return out.toString();
    }
}
