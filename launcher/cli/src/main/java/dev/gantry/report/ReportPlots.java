package dev.gantry.report;

import dev.gantry.training.worker.EpochMetrics;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The report's plots, each an inline SVG, or a sentence in its place when the run recorded
 * nothing to plot: empty axes would look like a bug in the report rather than a fact of the run.
 */
final class ReportPlots {
    static final String LOSS_COLOR = "#1f6fb4";
    static final String VALIDATION_COLOR = "#d62728";
    static final String ACCURACY_COLOR = "#2ca02c";
    static final String THROUGHPUT_COLOR = "#8c5fc0";

    private ReportPlots() {}

    /** Training loss per step, or per epoch when no step had a loss; validation loss per epoch. */
    static String loss(RunReport report) {
        LinePlot plot = new LinePlot("loss-plot", "Loss vs step", "step", "loss");
        withStepRange(plot, report);
        List<Point> perStep = report.steps().stream().map(s -> new Point(s.step(), s.loss())).toList();
        plot.line("training-loss", "training loss", LOSS_COLOR, perStep);
        if (plot.isEmpty()) {
            plot.dots("training-loss", "training loss (per epoch)", LOSS_COLOR,
                    epochPoints(report, EpochMetrics::loss));
        }
        plot.dots("validation-loss", "validation loss", VALIDATION_COLOR,
                epochPoints(report, EpochMetrics::validationLoss));
        if (report.resumedFromStep() > 0) {
            plot.marker("resumed", "resumed from step " + report.resumedFromStep(), report.resumedFromStep());
        }
        return plot.isEmpty() ? missing("loss-plot", "No loss was recorded: the run made no training steps.")
                : plot.svg();
    }

    static String accuracy(RunReport report) {
        LinePlot plot = withStepRange(new LinePlot("accuracy-plot", "Validation accuracy vs step", "step",
                "accuracy"), report).dots("validation-accuracy", "validation accuracy", ACCURACY_COLOR,
                        epochPoints(report, EpochMetrics::accuracy));
        return plot.isEmpty() ? missing("accuracy-plot", "No validation data: accuracy was not measured.")
                : plot.svg();
    }

    /** Samples/s per worker rank, with each worker's compute share over its bar when known. */
    static String workerThroughput(RunReport report) {
        BarPlot plot = new BarPlot("throughput-plot", "Samples/s per worker", "worker rank", "samples/s",
                THROUGHPUT_COLOR);
        report.throughput().stream().sorted(Comparator.comparingInt(WorkerThroughput::rank)).forEach(w -> plot.bar(
                new BarPlot.Bar(Integer.toString(w.rank()), w.samplesPerSecond(), computeNote(w.computeFraction()),
                        Integer.toString(w.rank()))));
        return plot.isEmpty() ? missing("throughput-plot", "No per-worker throughput was recorded.") : plot.svg();
    }

    static String stepThroughput(RunReport report) {
        LinePlot plot = withStepRange(new LinePlot("step-throughput-plot", "Samples/s (all workers) vs step", "step",
                "samples/s"), report).line("step-throughput", "samples/s", THROUGHPUT_COLOR,
                        report.steps().stream().map(s -> new Point(s.step(), s.samplesPerSecond())).toList());
        return plot.isEmpty() ? missing("step-throughput-plot", "No per-step throughput was recorded.") : plot.svg();
    }

    /** All step plots span the run's steps, so that a reader can compare them at a glance. */
    private static LinePlot withStepRange(LinePlot plot, RunReport report) {
        double[] steps = Scale.bounds(Stream.concat(
                report.steps().stream().map(StepPoint::step),
                report.epochs().stream().map(EpochMetrics::step)).mapToDouble(Long::doubleValue).toArray());
        return steps == null ? plot : plot.xRange(steps[0], steps[1]);
    }

    private static String computeNote(double fraction) {
        // Outside [0, 1] is a measuring error, not a share; say nothing rather than "140%".
        return fraction >= 0 && fraction <= 1 ? Numbers.percent(fraction) : null;
    }

    private static List<Point> epochPoints(RunReport report, ToDoubleFunction<EpochMetrics> y) {
        return report.epochs().stream().map(e -> new Point(e.step(), y.applyAsDouble(e))).toList();
    }

    private static String missing(String plot, String sentence) {
        return "<p class=\"no-data\" data-plot=\"" + plot + "\">" + Html.escape(sentence) + "</p>\n";
    }
}
