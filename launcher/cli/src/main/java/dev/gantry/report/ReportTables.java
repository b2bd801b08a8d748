package dev.gantry.report;

import dev.gantry.training.worker.EpochMetrics;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The numbers behind the plots, for reading exact values and for copying. */
final class ReportTables {
    /** Longer runs show their first and last epochs: the middle rarely matters and the page stays small. */
    static final int MAX_EPOCH_ROWS = 200;

    private ReportTables() {}

    static String workers(RunReport r) {
        Map<Integer, WorkerPlacement> placed = r.workers().stream()
                .collect(Collectors.toMap(WorkerPlacement::rank, Function.identity(), (a, b) -> a, TreeMap::new));
        Map<Integer, WorkerThroughput> speed = r.throughput().stream()
                .collect(Collectors.toMap(WorkerThroughput::rank, Function.identity(), (a, b) -> a, TreeMap::new));
        TreeSet<Integer> ranks = new TreeSet<>(placed.keySet());
        ranks.addAll(speed.keySet());
        if (ranks.isEmpty()) {
            return "<p class=\"no-data\">No workers were recorded.</p>\n";
        }
        StringBuilder out = new StringBuilder("<table id=\"workers\" class=\"data\">\n<thead><tr><th>rank</th>"
                + "<th>host</th><th>agent</th><th>GPUs</th><th>executor</th><th>samples/s</th>"
                + "<th>computing</th></tr></thead>\n<tbody>\n");
        for (int rank : ranks) {
            WorkerPlacement w = placed.get(rank);
            WorkerThroughput t = speed.get(rank);
            out.append("<tr><td>").append(rank).append("</td><td>")
                    .append(w == null ? "" : Html.escape(w.host())).append("</td><td>")
                    .append(w == null ? "" : Html.escape(w.agentId())).append("</td><td>")
                    .append(w == null ? "" : w.gpus().isEmpty() ? "CPU" : Html.escape(String.join(", ", w.gpus())))
                    .append("</td><td>").append(w == null ? "" : Html.escape(w.executorId())).append("</td><td>")
                    .append(t == null ? "" : Numbers.value(t.samplesPerSecond())).append("</td><td>")
                    .append(t == null ? "" : Numbers.percent(t.computeFraction())).append("</td></tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    static String epochs(RunReport r) {
        List<EpochMetrics> epochs = r.epochs().stream()
                .sorted(Comparator.comparingInt(EpochMetrics::epoch).thenComparingLong(EpochMetrics::step)).toList();
        if (epochs.isEmpty()) {
            return "<p class=\"no-data\">No epoch finished.</p>\n";
        }
        StringBuilder out = new StringBuilder("<table id=\"epochs\" class=\"data\">\n<thead><tr><th>epoch</th>"
                + "<th>step</th><th>loss</th><th>validation loss</th><th>validation accuracy</th>"
                + "<th>samples/s</th><th>seconds</th></tr></thead>\n<tbody>\n");
        int half = MAX_EPOCH_ROWS / 2;
        for (int i = 0; i < epochs.size(); i++) {
            if (epochs.size() > MAX_EPOCH_ROWS && i == half) {
                int skipped = epochs.size() - MAX_EPOCH_ROWS;
                out.append("<tr><td colspan=\"7\" class=\"muted\">").append(skipped)
                        .append(" epochs left out</td></tr>\n");
                i += skipped - 1;
                continue;
            }
            EpochMetrics e = epochs.get(i);
            out.append("<tr><td>").append(e.epoch()).append("</td><td>").append(e.step()).append("</td><td>")
                    .append(Numbers.value(e.loss())).append("</td><td>").append(Numbers.value(e.validationLoss()))
                    .append("</td><td>").append(Numbers.accuracy(e.accuracy())).append("</td><td>")
                    .append(Numbers.value(e.samplesPerSecond())).append("</td><td>").append(Numbers.value(e.seconds()))
                    .append("</td></tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }
}
