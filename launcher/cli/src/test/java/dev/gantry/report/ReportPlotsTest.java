package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.worker.EpochMetrics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReportPlotsTest {
    private static final double NAN = Double.NaN;

    @Test
    void aLongRunIsThinnedAndItsLossSpikeSurvives() {
        List<StepPoint> steps = new ArrayList<>();
        for (int i = 1; i <= 200_000; i++) {
            steps.add(new StepPoint(i, 0, i == 65_432 ? 50 : 1 + Math.sin(i / 1000.0), 1000));
        }
        RunReport report = Reports.withSteps(Reports.empty(), steps);

        String html = ReportWriter.html(report);

        String loss = Markup.svg(html, "loss-plot");
        List<double[]> points = Markup.polylinePoints(loss);
        assertThat(points).hasSizeLessThanOrEqualTo(Downsample.MAX_POINTS).hasSizeGreaterThan(1000);
        assertThat(points.stream().mapToDouble(p -> p[1]).min().orElseThrow())
                .as("the spike is the highest point, at the top of the plot").isEqualTo(PlotFrame.TOP);
        assertThat(Markup.polylinePoints(Markup.svg(html, "step-throughput-plot")))
                .hasSizeLessThanOrEqualTo(Downsample.MAX_POINTS);
        assertThat(html.length()).as("characters in the report").isLessThan(150_000);
    }

    @Test
    void zeroStepsSayThereIsNothingToPlot() {
        String html = ReportWriter.html(Reports.empty());

        assertThat(html).doesNotContain("<svg")
                .contains("<p class=\"no-data\" data-plot=\"loss-plot\">No loss was recorded",
                        "<p class=\"no-data\" data-plot=\"accuracy-plot\">No validation data: accuracy was not measured.",
                        "<p class=\"no-data\" data-plot=\"throughput-plot\">",
                        "<p class=\"no-data\" data-plot=\"step-throughput-plot\">");
    }

    @Test
    void oneStepIsADotOnAnAxisThatStillHasASpan() {
        String loss = ReportPlots.loss(Reports.withSteps(Reports.empty(), List.of(new StepPoint(7, 0, 0.5, 10))));

        assertThat(loss).doesNotContain("<polyline").contains("<circle");
        assertThat(Markup.ticks(loss, "x-axis")).hasSizeGreaterThan(1).doesNotHaveDuplicates().contains("7");
        assertThat(Markup.ticks(loss, "y-axis")).hasSizeGreaterThan(1).doesNotHaveDuplicates();
        assertAllCoordinatesInsideTheCanvas(loss);
    }

    @Test
    void nonFiniteValuesAreLeftOut() {
        List<StepPoint> steps = List.of(new StepPoint(1, 0, 2.0, 10), new StepPoint(2, 0, NAN, NAN),
                new StepPoint(3, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY), new StepPoint(4, 0, 1.0, 12),
                new StepPoint(5, 0, Double.NEGATIVE_INFINITY, 11));
        List<EpochMetrics> epochs = List.of(new EpochMetrics(0, 5, 1.5, NAN, Double.POSITIVE_INFINITY, NAN, NAN));
        RunReport report = Reports.withEpochs(Reports.withSteps(Reports.empty(), steps), epochs);

        String html = ReportWriter.html(report);

        String loss = Markup.svg(html, "loss-plot");
        assertThat(Markup.polylinePoints(loss)).hasSize(2);
        assertThat(loss).doesNotContain("data-series=\"validation-loss\"");
        assertThat(Markup.polylinePoints(Markup.svg(html, "step-throughput-plot"))).hasSize(3);
        assertThat(html).doesNotContain("NaN", "Infinity").contains("No validation data");
        assertAllCoordinatesInsideTheCanvas(loss);
    }

    @Test
    void allEqualValuesGetADistinctTickAboveAndBelow() {
        List<StepPoint> steps = IntStream.rangeClosed(1, 100).mapToObj(i -> new StepPoint(i, 0, 0.25, 0)).toList();

        String loss = ReportPlots.loss(Reports.withSteps(Reports.empty(), steps));
        String speed = ReportPlots.stepThroughput(Reports.withSteps(Reports.empty(), steps));

        for (String svg : List.of(loss, speed)) {
            List<double[]> points = Markup.polylinePoints(svg);
            assertThat(points).hasSize(100);
            assertThat(new HashSet<>(points.stream().map(p -> p[1]).toList())).as("one height").hasSize(1);
            assertThat(points.get(0)[1]).as("the line runs inside the plot area, not on its edge")
                    .isStrictlyBetween(PlotFrame.TOP, PlotFrame.BOTTOM);
            assertThat(Markup.ticks(svg, "y-axis")).hasSizeGreaterThan(2).doesNotHaveDuplicates();
            assertAllCoordinatesInsideTheCanvas(svg);
        }
    }

    @Test
    void aResumedRunsLossCurveMarksTheStepItResumedFrom() {
        RunReport fresh = Reports.sample("fresh");
        RunReport resumed = new RunReport(fresh.job(), fresh.framework(), fresh.master(), false, fresh.started(),
                fresh.elapsed(), 2400, fresh.exportedModel(), fresh.agents(), fresh.workers(), fresh.steps(),
                fresh.epochs(), fresh.throughput());

        assertThat(ReportPlots.loss(fresh)).doesNotContain("data-marker");
        String loss = ReportPlots.loss(resumed);
        assertThat(Markup.count(loss, "data-marker=\"resumed\"")).isEqualTo(1);
        assertThat(loss).contains("resumed from step 2400");
        assertAllCoordinatesInsideTheCanvas(loss);
    }

    @Test
    void lossFallsBackToEpochsWhenNoStepHasALoss() {
        List<EpochMetrics> epochs = List.of(new EpochMetrics(0, 100, 0.9, 0.7, 0.95, 50, 3),
                new EpochMetrics(1, 200, 0.6, 0.8, 0.7, 50, 3));
        RunReport report = Reports.withEpochs(Reports.empty(), epochs);

        String loss = ReportPlots.loss(report);
        String accuracy = ReportPlots.accuracy(report);

        assertThat(loss).contains("data-series=\"training-loss\"", "training loss (per epoch)",
                "data-series=\"validation-loss\"");
        assertThat(Markup.count(loss, "<circle")).isEqualTo(4);
        assertThat(Markup.count(accuracy, "<circle")).isEqualTo(2);
        assertThat(Markup.ticks(accuracy, "x-axis")).isEqualTo(Markup.ticks(loss, "x-axis"));
    }

    @Test
    void throughputHasOneBarPerWorkerInRankOrderWithItsComputeShare() {
        RunReport report = Reports.withThroughput(Reports.empty(), List.of(new WorkerThroughput(2, 100, 0.5),
                new WorkerThroughput(0, 300, NAN), new WorkerThroughput(1, NAN, 0.9),
                new WorkerThroughput(3, 200, 1.7)));

        String svg = ReportPlots.workerThroughput(report);

        assertThat(svg).startsWith("<svg id=\"throughput-plot\"");
        assertThat(Markup.count(svg, "<rect class=\"bar\"")).as("one bar per finite rate").isEqualTo(3);
        assertThat(svg.indexOf("data-key=\"0\"")).isLessThan(svg.indexOf("data-key=\"2\""));
        assertThat(svg.indexOf("data-key=\"2\"")).isLessThan(svg.indexOf("data-key=\"3\""));
        assertThat(svg).contains(">50%</text>", ">n/a, 90%</text>").doesNotContain("170%");
        assertThat(Markup.ticks(svg, "y-axis")).first().isEqualTo("0");
        assertAllCoordinatesInsideTheCanvas(svg);
    }

    static void assertAllCoordinatesInsideTheCanvas(String svg) {
        for (String value : Markup.coordinates(svg)) {
            assertThat(Double.parseDouble(value)).as("coordinate %s", value)
                    .isBetween(-1.0, Math.max(PlotFrame.WIDTH, PlotFrame.HEIGHT) + 1);
        }
    }
}
