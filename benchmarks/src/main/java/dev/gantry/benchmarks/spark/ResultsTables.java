package dev.gantry.benchmarks.spark;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The benchmark's figures as markdown tables, ready for RESULTS.md. */
final class ResultsTables {
    private static final String FIGURES = "cluster start (ms) | executors up (ms) | first job (ms) | second job (ms)"
            + " | sc.stop() (ms)";

    private ResultsTables() {}

    static String perRound(Map<String, List<RoundResult>> results) {
        StringBuilder out = new StringBuilder()
                .append("| round | mode | ").append(FIGURES).append(" | load (1 min) |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        int rounds = results.values().iterator().next().size();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, List<RoundResult>> mode : results.entrySet()) {
                RoundResult r = mode.getValue().get(round);
                out.append(String.format("| %d | %s | %s | %.0f | %.0f | %.0f | %.0f | %.2f |%n", round + 1,
                        mode.getKey(), clusterStart(r.clusterStartMs()), r.executorsUpMs(), r.firstJobMs(),
                        r.secondJobMs(), r.stopMs(), r.loadAverage()));
            }
        }
        return out.toString();
    }

    static String medians(Map<String, List<RoundResult>> results, String embedded, String localCluster) {
        StringBuilder out = new StringBuilder()
                .append("| median | ").append(FIGURES).append(" |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<RoundResult>> mode : results.entrySet()) {
            List<RoundResult> r = mode.getValue();
            out.append(String.format("| %s | %s | **%.0f** | **%.0f** | %.0f | %.0f |%n", mode.getKey(),
                    clusterStart(median(r, RoundResult::clusterStartMs)), median(r, RoundResult::executorsUpMs),
                    median(r, RoundResult::firstJobMs), median(r, RoundResult::secondJobMs),
                    median(r, RoundResult::stopMs)));
        }
        return out.append(ratioRow(results, embedded, localCluster)).toString();
    }

    /** One table row: the medians of mode {@code a} over those of mode {@code b}. */
    static String ratioRow(Map<String, List<RoundResult>> results, String a, String b) {
        List<RoundResult> e = results.get(a);
        List<RoundResult> l = results.get(b);
        return String.format("| ratio %s / %s | | **%.2f** | **%.2f** | %.2f | %.2f |%n", a, b,
                ratio(e, l, RoundResult::executorsUpMs), ratio(e, l, RoundResult::firstJobMs),
                ratio(e, l, RoundResult::secondJobMs), ratio(e, l, RoundResult::stopMs));
    }

    /** Zero means the mode has no cluster of its own to start before the SparkContext. */
    private static String clusterStart(double ms) {
        return ms == 0 ? "-" : String.format("%.0f", ms);
    }

    private static double ratio(List<RoundResult> a, List<RoundResult> b, ToDoubleFunction<RoundResult> figure) {
        return median(a, figure) / median(b, figure);
    }

    static double median(List<RoundResult> results, ToDoubleFunction<RoundResult> figure) {
        double[] values = results.stream().mapToDouble(figure).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
