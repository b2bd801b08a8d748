package dev.gantry.report;

import dev.gantry.training.worker.EpochMetrics;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The report's charts, each the data of a uPlot chart, or a sentence in its place when the run
 * recorded nothing to plot: empty axes would look like a bug in the report rather than a fact of
 * the run.
 */
final class ReportCharts {
    static final String LOSS_COLOR = "#1f6fb4";
    static final String VALIDATION_COLOR = "#d62728";
    static final String ACCURACY_COLOR = "#2ca02c";
    static final String THROUGHPUT_COLOR = "#8c5fc0";

    /**
     * One place on the page: the chart, or when it is null the sentence that says why not.
     *
     * @param caption a note under the chart, or null
     */
    record Panel(String id, Chart chart, String missing, String caption) {}

    private ReportCharts() {}

    /** The charts of the page, in its order. */
    static List<Panel> panels(RunReport report) {
        return List.of(
                new Panel("loss-plot", loss(report), "No loss was recorded: the run made no training steps.", null),
                new Panel("accuracy-plot", accuracy(report), "No validation data: accuracy was not measured.", null),
                new Panel("throughput-plot", workerThroughput(report), "No per-worker throughput was recorded.",
                        "Over each bar: the worker's share of time spent computing rather than waiting on all-reduce."),
                new Panel("step-throughput-plot", stepThroughput(report), "No per-step throughput was recorded.", null));
    }

    /** Training loss per step, or per epoch when no step had a loss; validation loss per epoch. Null when none. */
    static Chart loss(RunReport report) {
        LineChart chart = withStepRange(new LineChart("loss-plot", "Loss vs step", "step", "loss"), report);
        chart.line("training-loss", "training loss", LOSS_COLOR,
                report.steps().stream().map(s -> new Point(s.step(), s.loss())).toList());
        if (chart.isEmpty()) {
            chart.dots("training-loss", "training loss (per epoch)", LOSS_COLOR, epochPoints(report, EpochMetrics::loss));
        }
        chart.dots("validation-loss", "validation loss", VALIDATION_COLOR,
                epochPoints(report, EpochMetrics::validationLoss));
        if (report.resumedFromStep() > 0) {
            chart.marker("resumed", "resumed from step " + report.resumedFromStep(), report.resumedFromStep());
        }
        return chart.isEmpty() ? null : chart.chart();
    }

    static Chart accuracy(RunReport report) {
        LineChart chart = withStepRange(new LineChart("accuracy-plot", "Validation accuracy vs step", "step",
                "accuracy"), report).dots("validation-accuracy", "validation accuracy", ACCURACY_COLOR,
                        epochPoints(report, EpochMetrics::accuracy));
        return chart.isEmpty() ? null : chart.chart();
    }

    /** Samples/s per worker rank, with each worker's compute share over its bar when known. */
    static Chart workerThroughput(RunReport report) {
        BarChart chart = new BarChart("throughput-plot", "worker-throughput", "Samples/s per worker", "worker rank", "samples/s",
                THROUGHPUT_COLOR);
        report.throughput().stream().sorted(Comparator.comparingInt(WorkerThroughput::rank)).forEach(w -> chart.bar(
                new BarChart.Bar(Integer.toString(w.rank()), w.samplesPerSecond(), computeNote(w.computeFraction()))));
        return chart.isEmpty() ? null : chart.chart();
    }

    static Chart stepThroughput(RunReport report) {
        LineChart chart = withStepRange(new LineChart("step-throughput-plot", "Samples/s (all workers) vs step", "step",
                "samples/s"), report).line("step-throughput", "samples/s", THROUGHPUT_COLOR,
                        report.steps().stream().map(s -> new Point(s.step(), s.samplesPerSecond())).toList());
        return chart.isEmpty() ? null : chart.chart();
    }

    /** All step charts span the run's steps, so that a reader can compare them at a glance. */
    private static LineChart withStepRange(LineChart chart, RunReport report) {
        long[] steps = Stream.concat(report.steps().stream().map(StepPoint::step),
                report.epochs().stream().map(EpochMetrics::step)).mapToLong(Long::longValue).toArray();
        return steps.length == 0 ? chart
                : chart.xRange(LongStream.of(steps).min().orElseThrow(), LongStream.of(steps).max().orElseThrow());
    }

    private static String computeNote(double fraction) {
        // Outside [0, 1] is a measuring error, not a share; say nothing rather than "140%".
        return fraction >= 0 && fraction <= 1 ? Numbers.percent(fraction) : null;
    }

    private static List<Point> epochPoints(RunReport report, ToDoubleFunction<EpochMetrics> y) {
        return report.epochs().stream().map(e -> new Point(e.step(), y.applyAsDouble(e))).toList();
    }
}
