package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
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
 * Loads written reports in headless Chromium and checks what the browser laid out, as measured by
 * the page's own render check: a plot that is in the markup but renders as nothing (a polyline
 * with broken coordinates, bars of zero height, a slot hidden by CSS) fails here.
 */
class ReportRenderingTest {
    private static final Pattern RENDER_CHECK =
            Pattern.compile("<pre id=\"render-check\"[^>]*>(.*?)</pre>", Pattern.DOTALL);
    private static final String JOB = "<script>alert(1)</script>";

    @TempDir
    Path dir;

    @Test
    void plotsAndPlacementMapRender() throws Exception {
        RunReport report = Reports.sample(JOB);
        Path file = dir.resolve("report.html");
        ReportWriter.write(report, file);

        Path png = dir.resolve("report.png");
        String dom = Chromium.dumpDomAndScreenshot(file, png, 1400, 1500);
        JsonNode check = renderCheck(dom);

        // The job name stayed text: the render check is still the page's only script.
        assertThat(check.path("scripts").asInt()).isEqualTo(1);
        assertThat(dom).contains("<span id=\"job-name\">&lt;script&gt;alert(1)&lt;/script&gt;</span>");

        JsonNode plots = check.path("plots");
        assertThat(fieldNames(plots))
                .containsExactlyInAnyOrder("loss-plot", "accuracy-plot", "throughput-plot", "step-throughput-plot");
        plots.forEach(plot -> assertThat(plot.path("ticks").asInt()).as("tick labels").isGreaterThanOrEqualTo(6));

        JsonNode loss = plots.path("loss-plot");
        JsonNode training = loss.path("series").path("training-loss");
        assertThat(training.path("points").asInt())
                .isEqualTo(Downsample.minMax(lossPoints(report), Downsample.MAX_POINTS).size())
                .isLessThanOrEqualTo(Downsample.MAX_POINTS)
                .isGreaterThan(Downsample.MAX_POINTS / 2);
        // The steps cover the whole x axis and the loss falls from 2.5 to 0.2: the line must too.
        assertThat(training.path("width").asDouble()).isGreaterThan(0.95 * frameWidth(loss));
        assertThat(training.path("height").asDouble()).isGreaterThan(0.6 * frameHeight(loss));
        assertInsideFrame(loss, training);
        JsonNode validation = loss.path("series").path("validation-loss");
        assertThat(validation.path("dots").asInt()).isEqualTo(Reports.EPOCHS);
        assertThat(validation.path("height").asDouble()).isPositive();
        assertInsideFrame(loss, validation);

        JsonNode accuracy = plots.path("accuracy-plot").path("series").path("validation-accuracy");
        assertThat(accuracy.path("dots").asInt()).isEqualTo(Reports.EPOCHS);
        assertThat(accuracy.path("points").asInt()).isEqualTo(Reports.EPOCHS);
        assertThat(accuracy.path("width").asDouble()).isGreaterThan(0.5 * frameWidth(plots.path("accuracy-plot")));
        assertThat(accuracy.path("height").asDouble()).isGreaterThan(0.5 * frameHeight(plots.path("accuracy-plot")));
        assertInsideFrame(plots.path("accuracy-plot"), accuracy);

        JsonNode throughput = plots.path("throughput-plot");
        List<String> keys = new ArrayList<>();
        throughput.path("bars").forEach(bar -> {
            keys.add(bar.path("key").asText());
            assertInsideFrame(throughput, bar);
        });
        assertThat(keys).containsExactly("0", "1", "2", "3", "4", "5");
        // Bars grow from zero, so their heights keep the ratios of the workers' samples/s.
        double tallest = throughput.path("bars").get(0).path("height").asDouble();
        assertThat(tallest).isGreaterThan(0.5 * frameHeight(throughput));
        for (WorkerThroughput w : report.throughput()) {
            double height = throughput.path("bars").get(w.rank()).path("height").asDouble();
            assertThat(height / tallest).as("bar of rank %d", w.rank())
                    .isCloseTo(w.samplesPerSecond() / 410, within(0.01));
        }

        JsonNode perStep = plots.path("step-throughput-plot").path("series").path("step-throughput");
        assertThat(perStep.path("points").asInt()).isGreaterThan(Downsample.MAX_POINTS / 2);
        assertThat(perStep.path("height").asDouble()).isPositive();

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

        assertPainted(ImageIO.read(png.toFile()), plots);
    }

    @Test
    void anEmptyRunRendersSentencesInsteadOfPlots() throws Exception {
        Path file = dir.resolve("report.html");
        ReportWriter.write(Reports.empty(), file);

        String dom = Chromium.dumpDom(file);
        JsonNode check = renderCheck(dom);

        assertThat(check.path("plots").isEmpty()).as("no plots in %s", check).isTrue();
        assertThat(check.path("placement").path("agents").asInt()).isZero();
        assertThat(dom).contains("No validation data").contains("GPUs were simulated: training ran on CPU");
    }

    /**
     * What was measured was also painted: the loss plot's area of the screenshot has the loss
     * line's colour along the whole line, the throughput plot's area has the bars' colour over
     * about the bars' measured area.
     */
    private static void assertPainted(BufferedImage image, JsonNode plots) {
        JsonNode loss = plots.path("loss-plot");
        assertThat(pixels(image, loss.path("page"), ReportPlots.LOSS_COLOR))
                .as("pixels in the loss line's colour").isGreaterThan((int) (0.9 * pageWidth(loss)));
        JsonNode throughput = plots.path("throughput-plot");
        double scale = pageWidth(throughput) / PlotFrame.WIDTH;
        double barArea = 0;
        for (JsonNode bar : throughput.path("bars")) {
            barArea += bar.path("width").asDouble() * bar.path("height").asDouble() * scale * scale;
        }
        assertThat((double) pixels(image, throughput.path("page"), ReportPlots.THROUGHPUT_COLOR))
                .as("pixels in the bars' colour").isBetween(0.85 * barArea, 1.15 * barArea);
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colors.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        assertThat(colors).as("distinct colours of a page with text and plots").hasSizeGreaterThan(100);
    }

    private static int pixels(BufferedImage image, JsonNode box, String color) {
        int count = 0;
        int x0 = (int) box.path("x").asDouble();
        int y0 = (int) box.path("y").asDouble();
        assertThat(x0 + box.path("width").asDouble()).as("plot within the screenshot").isLessThanOrEqualTo(image.getWidth());
        assertThat(y0 + box.path("height").asDouble()).as("plot within the screenshot").isLessThanOrEqualTo(image.getHeight());
        for (int y = y0; y < y0 + box.path("height").asInt(); y++) {
            for (int x = x0; x < x0 + box.path("width").asInt(); x++) {
                count += near(image.getRGB(x, y) & 0xffffff, color) ? 1 : 0;
            }
        }
        return count;
    }

    private static double pageWidth(JsonNode plot) {
        return plot.path("page").path("width").asDouble();
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

    private static List<Point> lossPoints(RunReport report) {
        return report.steps().stream().map(s -> new Point(s.step(), s.loss())).toList();
    }

    private static double frameWidth(JsonNode plot) {
        return plot.path("frame").path("width").asDouble();
    }

    private static double frameHeight(JsonNode plot) {
        return plot.path("frame").path("height").asDouble();
    }

    /** Inside the plot area, give or take a dot's radius. */
    private static void assertInsideFrame(JsonNode plot, JsonNode box) {
        JsonNode frame = plot.path("frame");
        double slack = 4;
        assertThat(box.path("x").asDouble()).isGreaterThanOrEqualTo(frame.path("x").asDouble() - slack);
        assertThat(box.path("y").asDouble()).isGreaterThanOrEqualTo(frame.path("y").asDouble() - slack);
        assertThat(box.path("x").asDouble() + box.path("width").asDouble())
                .isLessThanOrEqualTo(frame.path("x").asDouble() + frameWidth(plot) + slack);
        assertThat(box.path("y").asDouble() + box.path("height").asDouble())
                .isLessThanOrEqualTo(frame.path("y").asDouble() + frameHeight(plot) + slack);
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
