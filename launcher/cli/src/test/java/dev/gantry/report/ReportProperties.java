package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.worker.EpochMetrics;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever numbers a run produces, the report comes out whole, with every mark on its canvas. */
class ReportProperties {
    private static final List<String> PLOTS =
            List.of("loss-plot", "accuracy-plot", "throughput-plot", "step-throughput-plot");

    @Property(tries = 300)
    void anyNumbersGiveAPageWithEveryMarkOnItsCanvas(@ForAll("steps") List<StepPoint> steps,
                                                     @ForAll("epochs") List<EpochMetrics> epochs,
                                                     @ForAll("throughput") List<WorkerThroughput> throughput) {
        RunReport report = Reports.withThroughput(Reports.withEpochs(Reports.withSteps(Reports.empty(), steps), epochs),
                throughput);

        String html = ReportWriter.html(report);

        assertThat(html).doesNotContain("NaN", "Infinity").endsWith("</html>\n");
        for (String plot : PLOTS) {
            if (html.contains("<svg id=\"" + plot + "\"")) {
                String svg = Markup.svg(html, plot);
                ReportPlotsTest.assertAllCoordinatesInsideTheCanvas(svg);
                assertThat(Markup.polylinePoints(svg)).hasSizeLessThanOrEqualTo(Downsample.MAX_POINTS);
            } else {
                assertThat(html).contains("data-plot=\"" + plot + "\"");
            }
        }
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
