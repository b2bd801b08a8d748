package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.training.worker.EpochMetrics;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads written reports in headless Chromium and checks what the browser built, as measured by
 * the page's own render check: a chart whose data is in the page but that uPlot did not draw (a
 * script error, an empty canvas, a series that lost its points) fails here. The sample report and
 * its screenshot stay in target/report-rendering/ for a person to look at.
 */
class ReportRenderingTest {
    private static final Pattern RENDER_CHECK =
            Pattern.compile("<pre id=\"render-check\"[^>]*>(.*?)</pre>", Pattern.DOTALL);
    /** Every script and link tag's attributes, to find any that would load something. */
    private static final Pattern SCRIPT_OR_LINK = Pattern.compile("<(script|link)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final String JOB = "<script>alert(1)</script>";
    private static final Path ARTIFACTS = Path.of(System.getProperty("basedir", "."), "target", "report-rendering");

    @TempDir
    Path dir;

    @Test
    void chartsAndPlacementMapRender() throws Exception {
        RunReport report = Reports.sample(JOB);
        Files.createDirectories(ARTIFACTS);
        Path file = ARTIFACTS.resolve("report.html");
        ReportWriter.write(report, file);
        JsonNode data = Markup.chartData(Files.readString(file));

        Path png = ARTIFACTS.resolve("report.png");
        String dom = Chromium.dumpDomAndScreenshot(file, png, 1400, 1500);
        JsonNode check = renderCheck(dom);

        // The page's own scripts, all inline; the job name stayed text.
        List<String> types = new ArrayList<>();
        check.path("scripts").forEach(s -> {
            types.add(s.path("type").asText());
            assertThat(s.path("src").isNull()).as("script without src: %s", s).isTrue();
        });
        assertThat(types).containsExactly("application/json", "", "", "");
        assertThat(dom).contains("<span id=\"job-name\">&lt;script&gt;alert(1)&lt;/script&gt;</span>");
        assertLoadsNothing(dom);

        JsonNode charts = check.path("charts");
        assertThat(fieldNames(charts))
                .containsExactlyInAnyOrder("loss-plot", "accuracy-plot", "throughput-plot", "step-throughput-plot");
        for (JsonNode embedded : data) {
            JsonNode chart = charts.path(embedded.path("id").asText());
            assertThat(chart.has("error")).as("error of %s: %s", embedded.path("id"), chart.path("error")).isFalse();
            assertThat(chart.path("uplot").asInt()).as("div.uplot in %s", embedded.path("id")).isEqualTo(1);
            assertThat(chart.path("canvases").asInt()).isPositive();
            assertThat(chart.path("pixels").path("width").asInt()).isGreaterThan(300);
            assertThat(chart.path("pixels").path("height").asInt()).isGreaterThan(200);
            assertThat(chart.path("title").asText()).isEqualTo(embedded.path("title").asText());
            assertThat(fieldNames(chart.path("series"))).as("series of %s", embedded.path("id"))
                    .containsExactlyInAnyOrderElementsOf(Markup.seriesKeys(embedded));
            for (String key : Markup.seriesKeys(embedded)) {
                // What uPlot holds is what the page embedded.
                List<Point> points = Markup.points(embedded, key);
                JsonNode series = chart.path("series").path(key);
                assertThat(series.path("points").asInt()).as("points of %s", key).isEqualTo(points.size());
                assertThat(series.path("first").asDouble()).isEqualTo(points.get(0).y());
                assertThat(series.path("last").asDouble()).isEqualTo(points.get(points.size() - 1).y());
            }
        }

        // And what the page embedded is the run's.
        JsonNode loss = Markup.chart(Files.readString(file), "loss-plot");
        List<Point> lossPoints = report.steps().stream().map(s -> new Point(s.step(), s.loss())).toList();
        assertThat(Markup.points(loss, "training-loss"))
                .isEqualTo(Downsample.minMax(lossPoints, Downsample.MAX_POINTS))
                .hasSizeGreaterThan(Downsample.MAX_POINTS / 2)
                .startsWith(lossPoints.get(0)).endsWith(lossPoints.get(lossPoints.size() - 1));
        List<EpochMetrics> epochs = report.epochs();
        assertThat(Markup.points(loss, "validation-loss")).hasSize(Reports.EPOCHS)
                .startsWith(new Point(epochs.get(0).step(), epochs.get(0).validationLoss()));
        assertThat(Markup.points(Markup.chart(Files.readString(file), "accuracy-plot"), "validation-accuracy"))
                .hasSize(Reports.EPOCHS).endsWith(new Point(5000, epochs.get(4).accuracy()));
        assertThat(charts.path("throughput-plot").path("series").path("worker-throughput").path("points").asInt())
                .isEqualTo(report.throughput().size());
        assertThat(charts.path("step-throughput-plot").path("series").path("step-throughput").path("points").asInt())
                .isGreaterThan(Downsample.MAX_POINTS / 2);

        JsonNode placement = check.path("placement");
        assertThat(placement.path("agents").asInt()).as("3 agents and the box of stray-host").isEqualTo(4);
        List<Integer> slotRanks = new ArrayList<>();
        int free = 0;
        for (JsonNode slot : placement.path("slots")) {
            assertThat(slot.path("width").asDouble()).isPositive();
            assertThat(slot.path("height").asDouble()).isPositive();
            slot.path("ranks").forEach(rank -> slotRanks.add(rank.asInt()));
            free += slot.path("ranks").isEmpty() ? 1 : 0;
        }
        assertThat(placement.path("slots")).as("4 + 2 GPUs of agents, 1 of stray-host").hasSize(7);
        assertThat(free).as("agent-a's GPUs 2, 3 and agent-b's GPU 0").isEqualTo(3);
        assertThat(slotRanks).containsExactlyInAnyOrder(0, 1, 2, 4);
        List<Integer> cpuRanks = new ArrayList<>();
        placement.path("cpuWorkers").forEach(rank -> cpuRanks.add(rank.asInt()));
        assertThat(cpuRanks).containsExactlyInAnyOrder(3, 5);

        assertPainted(ImageIO.read(png.toFile()), charts, report);
    }

    @Test
    void anEmptyRunRendersSentencesInsteadOfCharts() throws Exception {
        Path file = dir.resolve("report.html");
        ReportWriter.write(Reports.empty(), file);

        String dom = Chromium.dumpDom(file);
        JsonNode check = renderCheck(dom);

        assertThat(check.path("charts").isEmpty()).as("no charts in %s", check).isTrue();
        assertThat(check.path("placement").path("agents").asInt()).isZero();
        assertThat(dom).contains("No validation data").contains("GPUs were simulated: training ran on CPU")
                .doesNotContain("class=\"chart chart-error\"");
    }

    /** No script or link tag names anything to load: the page works offline. */
    private static void assertLoadsNothing(String dom) {
        Matcher m = SCRIPT_OR_LINK.matcher(dom);
        int tags = 0;
        while (m.find()) {
            tags++;
            assertThat(m.group(1)).as("tag %s", m.group()).isEqualToIgnoringCase("script");
            assertThat(m.group(2)).as("attributes of %s", m.group()).doesNotContainIgnoringCase("src")
                    .doesNotContainIgnoringCase("href").doesNotContainIgnoringCase("http");
        }
        assertThat(tags).isEqualTo(4);
    }

    /**
     * What uPlot measured was also painted: the loss chart's plot area in the screenshot has the
     * loss line's colour all along the line, and the throughput chart's plot area has one bar per
     * worker in the bars' colour, whose heights keep the ratios of the workers' samples/s (bars
     * grow from zero).
     */
    private static void assertPainted(BufferedImage image, JsonNode charts, RunReport report) {
        JsonNode loss = charts.path("loss-plot");
        assertThat(columnsOf(image, plotArea(loss), ReportCharts.LOSS_COLOR).stream().filter(n -> n > 0).count())
                .as("columns with the loss line's colour")
                .isGreaterThan((long) (0.9 * plotArea(loss)[2]));

        List<Integer> columns = columnsOf(image, plotArea(charts.path("throughput-plot")), ReportCharts.THROUGHPUT_COLOR);
        List<Integer> bars = new ArrayList<>();
        int tallest = 0;
        for (int count : columns) {
            if (count > 0) {
                tallest = Math.max(tallest, count);
            } else if (tallest > 0) {
                bars.add(tallest);
                tallest = 0;
            }
        }
        if (tallest > 0) {
            bars.add(tallest);
        }
        assertThat(bars).as("bars painted, left to right").hasSize(report.throughput().size());
        assertThat(bars.get(0)).as("rank 0's bar, the fastest").isGreaterThan(100);
        for (WorkerThroughput w : report.throughput()) {
            assertThat((double) bars.get(w.rank()) / bars.get(0)).as("bar of rank %d", w.rank())
                    .isCloseTo(w.samplesPerSecond() / 410, within(0.02));
        }

        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colors.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        assertThat(colors).as("distinct colours of a page with text and charts").hasSizeGreaterThan(100);
    }

    /** {x, y, width, height} of a chart's plot area in the page, in CSS pixels. */
    private static int[] plotArea(JsonNode chart) {
        JsonNode page = chart.path("page");
        JsonNode area = chart.path("plotArea");
        return new int[] {(int) Math.round(page.path("x").asDouble() + area.path("x").asDouble()),
                (int) Math.round(page.path("y").asDouble() + area.path("y").asDouble()),
                (int) area.path("width").asDouble(), (int) area.path("height").asDouble()};
    }

    /** Per pixel column of {@code box}, how many of its pixels have about that colour. */
    private static List<Integer> columnsOf(BufferedImage image, int[] box, String color) {
        assertThat(box[0] + box[2]).as("chart within the screenshot").isLessThanOrEqualTo(image.getWidth());
        assertThat(box[1] + box[3]).as("chart within the screenshot").isLessThanOrEqualTo(image.getHeight());
        List<Integer> columns = new ArrayList<>();
        for (int x = box[0]; x < box[0] + box[2]; x++) {
            int count = 0;
            for (int y = box[1]; y < box[1] + box[3]; y++) {
                count += near(image.getRGB(x, y) & 0xffffff, color) ? 1 : 0;
            }
            columns.add(count);
        }
        return columns;
    }

    private static JsonNode renderCheck(String dom) throws Exception {
        Matcher m = RENDER_CHECK.matcher(dom);
        assertThat(m.find()).as("render check in the DOM").isTrue();
        String json = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0")
                .replace("&amp;", "&");
        assertThat(json).as("the render check ran").isNotBlank();
        JsonNode check = new ObjectMapper().readTree(json);
        assertThat(check.has("error")).as("render check error: %s", check.path("error")).isFalse();
        return check;
    }

    private static boolean near(int rgb, String hex) {
        int want = Integer.parseInt(hex.substring(1), 16);
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((rgb >> shift & 0xff) - (want >> shift & 0xff)) > 24) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
