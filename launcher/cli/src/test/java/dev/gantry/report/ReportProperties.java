package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.training.worker.EpochMetrics;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever numbers a run produces, the report comes out whole: each chart is in the page's data
 * or a sentence says why not, the data is valid JSON with aligned columns, and each step series
 * holds exactly the run's finite points, thinned as {@link Downsample} thins them.
 */
class ReportProperties {
    private static final List<String> PLOTS =
            List.of("loss-plot", "accuracy-plot", "throughput-plot", "step-throughput-plot");

    @Property(tries = 300)
    void anyNumbersGiveAPageWithEveryChartOrASentence(@ForAll("steps") List<StepPoint> steps,
                                                      @ForAll("epochs") List<EpochMetrics> epochs,
                                                      @ForAll("throughput") List<WorkerThroughput> throughput) {
        RunReport report = Reports.withThroughput(Reports.withEpochs(Reports.withSteps(Reports.empty(), steps), epochs),
                throughput);

        String html = ReportWriter.html(report);

        assertThat(html).endsWith("</html>\n");
        assertThat(Markup.chartDataText(html)).doesNotContain("NaN", "Infinity", "<");
        JsonNode charts = Markup.chartData(html);
        Set<String> drawn = new HashSet<>();
        for (JsonNode chart : charts) {
            drawn.add(chart.path("id").asText());
            JsonNode xs = chart.path("data").get(0);
            assertThat(chart.path("data")).as("an x column and one per series").hasSize(chart.path("series").size() + 1);
            chart.path("data").forEach(column -> assertThat(column).hasSameSizeAs(xs));
            for (int row = 1; row < xs.size(); row++) {
                assertThat(xs.get(row).asDouble()).as("x ascending").isGreaterThanOrEqualTo(xs.get(row - 1).asDouble());
            }
        }
        for (String plot : PLOTS) {
            assertThat(html.contains("<div class=\"chart\" id=\"" + plot + "\">")).as(plot)
                    .isEqualTo(drawn.contains(plot))
                    .isNotEqualTo(html.contains("data-plot=\"" + plot + "\""));
        }
        List<Point> losses = steps.stream().map(s -> new Point(s.step(), s.loss())).toList();
        if (drawn.contains("loss-plot") && losses.stream().anyMatch(Point::finite)) {
            assertThat(Markup.points(Markup.chart(html, "loss-plot"), "training-loss")).isEqualTo(thinned(losses));
        }
        List<Point> speeds = steps.stream().map(s -> new Point(s.step(), s.samplesPerSecond())).toList();
        if (speeds.stream().anyMatch(Point::finite)) {
            assertThat(Markup.points(Markup.chart(html, "step-throughput-plot"), "step-throughput"))
                    .isEqualTo(thinned(speeds));
        } else {
            assertThat(drawn).doesNotContain("step-throughput-plot");
        }
    }

    @Property(tries = 20)
    void longRunsKeepTheirEndsAndExtremesWithinTheBound(@ForAll @IntRange(min = 2001, max = 20_000) int n,
                                                        @ForAll @IntRange(min = 1, max = 1000) int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<StepPoint> steps = IntStream.rangeClosed(1, n)
                .mapToObj(i -> new StepPoint(i, 0, random.nextDouble(), random.nextDouble(1000))).toList();
        List<Point> losses = steps.stream().map(s -> new Point(s.step(), s.loss())).toList();

        List<Point> kept = Markup.points(Markup.chart(ReportWriter.html(Reports.withSteps(Reports.empty(), steps)),
                "loss-plot"), "training-loss");

        assertThat(kept).isEqualTo(Downsample.minMax(losses, Downsample.MAX_POINTS))
                .hasSizeLessThanOrEqualTo(Downsample.MAX_POINTS);
        assertThat(kept.get(0)).isEqualTo(losses.get(0));
        assertThat(kept.get(kept.size() - 1)).isEqualTo(losses.get(n - 1));
        assertThat(kept.stream().mapToDouble(Point::y).max()).isEqualTo(losses.stream().mapToDouble(Point::y).max());
        assertThat(kept.stream().mapToDouble(Point::y).min()).isEqualTo(losses.stream().mapToDouble(Point::y).min());
    }

    /** What the page should hold of a step series: its finite points by step, thinned. */
    private static List<Point> thinned(List<Point> points) {
        return Downsample.minMax(points.stream().filter(Point::finite).sorted(Comparator.comparingDouble(Point::x))
                .toList(), Downsample.MAX_POINTS);
    }

    @Provide
    Arbitrary<List<StepPoint>> steps() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers(), numbers(), numbers())
                .as(StepPoint::new).list().ofMaxSize(50);
    }

    @Provide
    Arbitrary<List<EpochMetrics>> epochs() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.longs(), numbers(), numbers(), numbers(),
                numbers(), numbers()).as(EpochMetrics::new).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<WorkerThroughput>> throughput() {
        return Combinators.combine(Arbitraries.integers().between(-2, 40), numbers(), numbers())
                .as(WorkerThroughput::new).list().ofMaxSize(40);
    }

    private static Arbitrary<Double> numbers() {
        return Arbitraries.oneOf(Arbitraries.doubles().withStandardSpecialValues(),
                Arbitraries.doubles().between(-1, 1),
                Arbitraries.of(Double.MAX_VALUE, -Double.MAX_VALUE, 1e300, 0.5, 0.5, 0.5));
    }
}
