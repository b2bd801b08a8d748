package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.training.worker.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReportChartsTest {
    private static final double NAN = Double.NaN;

    @Test
    void aLongRunIsThinnedAndItsLossSpikeSurvives() {
        List<StepPoint> steps = new ArrayList<>();
        for (int i = 1; i <= 200_000; i++) {
            steps.add(new StepPoint(i, 0, i == 65_432 ? 50 : 1 + Math.sin(i / 1000.0), 1000));
        }
        RunReport report = Reports.withSteps(Reports.empty(), steps);

        String html = ReportWriter.html(report);

        List<Point> loss = Markup.points(Markup.chart(html, "loss-plot"), "training-loss");
        assertThat(loss).hasSizeLessThanOrEqualTo(Downsample.MAX_POINTS).hasSizeGreaterThan(1000)
                .contains(new Point(1, 1 + Math.sin(1 / 1000.0)), new Point(65_432, 50),
                        new Point(200_000, 1 + Math.sin(200.0)));
        assertThat(Markup.points(Markup.chart(html, "step-throughput-plot"), "step-throughput"))
                .hasSizeLessThanOrEqualTo(Downsample.MAX_POINTS);
        assertThat(Markup.chartDataText(html).length()).as("characters of chart data").isLessThan(150_000);
    }

    @Test
    void zeroStepsSayThereIsNothingToPlot() {
        String html = ReportWriter.html(Reports.empty());

        assertThat(Markup.chartData(html)).isEmpty();
        assertThat(html).doesNotContain("class=\"chart\"")
                .contains("<p class=\"no-data\" data-plot=\"loss-plot\">No loss was recorded",
                        "<p class=\"no-data\" data-plot=\"accuracy-plot\">No validation data: accuracy was not measured.",
                        "<p class=\"no-data\" data-plot=\"throughput-plot\">",
                        "<p class=\"no-data\" data-plot=\"step-throughput-plot\">");
    }

    @Test
    void oneStepIsOnePointOnAnAxisAtThatStep() {
        Chart loss = ReportCharts.loss(Reports.withSteps(Reports.empty(), List.of(new StepPoint(7, 0, 0.5, 10))));

        assertThat(loss.data()).containsExactly(List.of(7L), List.of(0.5));
        // The page's script widens an axis of no span; the data says where the point is.
        assertThat(loss.xRange()).containsExactly(7L, 7L);
    }

    @Test
    void nonFiniteValuesAreLeftOut() {
        List<StepPoint> steps = List.of(new StepPoint(1, 0, 2.0, 10), new StepPoint(2, 0, NAN, NAN),
                new StepPoint(3, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY), new StepPoint(4, 0, 1.0, 12),
                new StepPoint(5, 0, Double.NEGATIVE_INFINITY, 11));
        List<EpochMetrics> epochs = List.of(new EpochMetrics(0, 5, 1.5, NAN, Double.POSITIVE_INFINITY, NAN, NAN));
        RunReport report = Reports.withEpochs(Reports.withSteps(Reports.empty(), steps), epochs);

        String html = ReportWriter.html(report);

        JsonNode loss = Markup.chart(html, "loss-plot");
        assertThat(Markup.seriesKeys(loss)).containsExactly("training-loss");
        assertThat(Markup.points(loss, "training-loss")).containsExactly(new Point(1, 2), new Point(4, 1));
        assertThat(Markup.points(Markup.chart(html, "step-throughput-plot"), "step-throughput"))
                .containsExactly(new Point(1, 10), new Point(4, 12), new Point(5, 11));
        assertThat(Markup.chartDataText(html)).doesNotContain("NaN", "Infinity");
        assertThat(html).contains("No validation data");
    }

    @Test
    void allStepChartsShareTheRunsStepRange() {
        List<EpochMetrics> epochs = List.of(new EpochMetrics(0, 100, 0.9, 0.7, 0.95, 50, 3),
                new EpochMetrics(1, 200, 0.6, 0.8, 0.7, 50, 3));
        RunReport report = Reports.withSteps(Reports.withEpochs(Reports.empty(), epochs),
                IntStream.rangeClosed(20, 150).mapToObj(i -> new StepPoint(i, 0, 1, 5)).toList());

        assertThat(ReportCharts.loss(report).xRange()).containsExactly(20L, 200L);
        assertThat(ReportCharts.accuracy(report).xRange()).containsExactly(20L, 200L);
        assertThat(ReportCharts.stepThroughput(report).xRange()).containsExactly(20L, 200L);
    }

    @Test
    void aResumedRunsLossChartMarksTheStepItResumedFrom() {
        RunReport fresh = Reports.sample("fresh");
        RunReport resumed = new RunReport(fresh.job(), fresh.framework(), fresh.master(), false, fresh.started(),
                fresh.elapsed(), 2400, fresh.exportedModel(), fresh.agents(), fresh.workers(), fresh.steps(),
                fresh.epochs(), fresh.throughput());

        assertThat(ReportCharts.loss(fresh).markers()).isEmpty();
        assertThat(ReportCharts.loss(resumed).markers())
                .containsExactly(new Chart.Marker("resumed", "resumed from step 2400", 2400));
        // As the page carries it (TrainingFaultsIT looks for this in a real resumed run's report).
        assertThat(ReportWriter.html(resumed))
                .contains("\"markers\":[{\"key\":\"resumed\",\"label\":\"resumed from step 2400\"");
    }

    @Test
    void lossFallsBackToEpochsWhenNoStepHasALoss() {
        List<EpochMetrics> epochs = List.of(new EpochMetrics(0, 100, 0.9, 0.7, 0.95, 50, 3),
                new EpochMetrics(1, 200, 0.6, 0.8, 0.7, 50, 3));
        RunReport report = Reports.withEpochs(Reports.empty(), epochs);

        Chart loss = ReportCharts.loss(report);
        Chart accuracy = ReportCharts.accuracy(report);

        assertThat(loss.series()).containsExactly(
                new Chart.Series("training-loss", "training loss (per epoch)", ReportCharts.LOSS_COLOR, true),
                new Chart.Series("validation-loss", "validation loss", ReportCharts.VALIDATION_COLOR, true));
        assertThat(loss.data()).containsExactly(List.of(100L, 200L), List.of(0.9, 0.6), List.of(0.95, 0.7));
        assertThat(accuracy.series()).extracting(Chart.Series::dots).containsExactly(true);
        assertThat(accuracy.data()).containsExactly(List.of(100L, 200L), List.of(0.7, 0.8));
    }

    @Test
    void throughputHasOneBarPerWorkerInRankOrderWithItsComputeShare() {
        RunReport report = Reports.withThroughput(Reports.empty(), List.of(new WorkerThroughput(2, 100, 0.5),
                new WorkerThroughput(0, 300, NAN), new WorkerThroughput(1, NAN, 0.9),
                new WorkerThroughput(3, 200.5, 1.7)));

        Chart bars = ReportCharts.workerThroughput(report);

        assertThat(bars.kind()).isEqualTo(Chart.BARS);
        assertThat(bars.categories()).containsExactly("0", "1", "2", "3");
        assertThat(bars.data()).containsExactly(List.of(0, 1, 2, 3), java.util.Arrays.asList(300L, null, 100L, 200.5));
        assertThat(bars.notes()).containsExactly(null, "n/a, 90%", "50%", null);
        assertThat(bars.xRange()).containsExactly(-0.5, 3.5);
    }
}
