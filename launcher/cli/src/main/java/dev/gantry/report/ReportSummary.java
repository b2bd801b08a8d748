package dev.gantry.report;

import dev.gantry.training.worker.EpochMetrics;
import java.util.Comparator;
import java.util.Optional;

/** The top of the report: what ran where and when, and how the run ended. */
final class ReportSummary {
    private ReportSummary() {}

    static String header(RunReport r) {
        StringBuilder out = new StringBuilder("<header>\n<h1>Training report: <span id=\"job-name\">")
                .append(Html.orUnknown(r.job())).append("</span></h1>\n<dl class=\"facts\">\n");
        fact(out, "Framework", Html.orUnknown(r.framework()));
        fact(out, "Master", Html.orUnknown(r.master()));
        fact(out, "Started", Html.escape(Numbers.instant(r.started())));
        fact(out, "Elapsed", Html.escape(Numbers.duration(r.elapsed())));
        if (r.resumedFromStep() > 0) {
            fact(out, "Resumed from", "step " + r.resumedFromStep());
        }
        fact(out, "Exported model", r.exportedModel() == null ? "<span class=\"unknown\">not exported</span>"
                : "<code>" + Html.escape(r.exportedModel()) + "</code>");
        out.append("</dl>\n");
        if (r.simulatedGpus()) {
            out.append("<p class=\"notice\" id=\"simulated-gpus\">GPUs were simulated: training ran on CPU.</p>\n");
        }
        return out.append("</header>\n").toString();
    }

    /** The final epoch's figures; the last step's when the run finished no epoch. */
    static String table(RunReport r) {
        Optional<EpochMetrics> last = r.epochs().stream()
                .max(Comparator.comparingInt(EpochMetrics::epoch).thenComparingLong(EpochMetrics::step));
        Optional<StepPoint> lastStep = r.steps().stream().max(Comparator.comparingLong(StepPoint::step));
        double loss = last.map(EpochMetrics::loss).orElse(lastStep.map(StepPoint::loss).orElse(Double.NaN));
        double speed = last.map(EpochMetrics::samplesPerSecond)
                .orElse(lastStep.map(StepPoint::samplesPerSecond).orElse(Double.NaN));
        long steps = Math.max(lastStep.map(StepPoint::step).orElse(0L),
                r.epochs().stream().mapToLong(EpochMetrics::step).max().orElse(0));
        StringBuilder out = new StringBuilder("<table id=\"summary\" class=\"summary\">\n");
        row(out, "Last epoch", last.map(e -> Integer.toString(e.epoch())).orElse("none finished"));
        row(out, "Final loss", Numbers.value(loss));
        row(out, "Validation accuracy", last.map(e -> Numbers.accuracy(e.accuracy())).orElse("n/a"));
        row(out, "Validation loss", Numbers.value(last.map(EpochMetrics::validationLoss).orElse(Double.NaN)));
        row(out, "Samples/s", Numbers.value(speed));
        row(out, "Total steps", Long.toString(steps));
        return out.append("</table>\n").toString();
    }

    private static void fact(StringBuilder out, String name, String html) {
        out.append("<dt>").append(name).append("</dt><dd>").append(html).append("</dd>\n");
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th>").append(name).append("</th><td>").append(Html.escape(value)).append("</td></tr>\n");
    }
}
