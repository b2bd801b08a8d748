package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.web.WebJarAsset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir
    Path dir;

    @Test
    void escapesEverythingFromUsersAndTheCluster() {
        String evil = "<script>alert(1)</script>";
        RunReport report = new RunReport(evil, "tf\"<b>", "mesos://<i>m</i>:5050", false, Instant.EPOCH,
                Duration.ZERO, 0, "/out/<img src=x onerror=alert(2)>/model",
                List.of(new AgentInfo("a<1>", "h\"ost'<x>", 1, "<svg onload=alert(3)>")),
                List.of(new WorkerPlacement(0, "a<1>", "h\"ost'<x>", List.of("0"), "\"><script>alert(4)</script>"),
                        new WorkerPlacement(1, "gone<a>", "stray&<host>", List.of("<gpu>"), "e")),
                List.of(), List.of(), List.of());

        String html = ReportWriter.html(report);

        // The chart data, uPlot, the script that draws the charts and the render check.
        assertThat(Markup.count(html.toLowerCase(Locale.ROOT), "<script")).as("only the report's own scripts")
                .isEqualTo(4);
        assertThat(html).doesNotContain("<img", "<svg onload", "<b>", "<i>", "<gpu>", "<x>", "stray&<")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;",
                        "h&quot;ost&#39;&lt;x&gt;", "&quot;&gt;&lt;script&gt;alert(4)", "stray&amp;&lt;host&gt;",
                        "GPU &lt;gpu&gt;", "<title>&lt;script&gt;alert(1)&lt;/script&gt; - Training report</title>");
    }

    @Test
    void isOneFileWithNothingToFetch() {
        String html = ReportWriter.html(Reports.sample("job"));
        String script = WebJarAsset.text(UPlotLibrary.WEBJAR, UPlotLibrary.SCRIPT_FILE).strip();
        String style = WebJarAsset.text(UPlotLibrary.WEBJAR, UPlotLibrary.STYLE_FILE).strip();

        assertThat(html).contains("<script>\n" + script + "\n</script>", "<style>\n" + style + "\n</style>");
        // uPlot's licence comment names its home page; nothing else in the page may name any address.
        String ours = html.replace(script, "").replace(style, "").toLowerCase(Locale.ROOT);
        assertThat(ours)
                .startsWith("<!doctype html>")
                .doesNotContain("http:", "https:", "//cdn", "<link", "<img", "<iframe", "@import", "url(", " src=",
                        "href=", "fetch(", "xmlhttprequest", "@font-face");
        for (String library : List.of(script, style)) {
            assertThat(library.toLowerCase(Locale.ROOT)).doesNotContain("fetch(", "xmlhttprequest", "import(",
                    "@import", "url(", "@font-face", "websocket", "sendbeacon");
        }
        assertThat(Markup.count(html, "<div class=\"chart\" id=")).isEqualTo(4);
        assertThat(html).contains("<style>", "id=\"placement-map\"");
    }

    @Test
    void writesAtomicallyLeavingNoTemporaryFile() throws Exception {
        Path file = dir.resolve("out/job-1/report.html");

        ReportWriter.write(Reports.sample("first"), file);
        ReportWriter.write(Reports.sample("second"), file);

        assertThat(Files.readString(file)).contains("Training report: <span id=\"job-name\">second</span>")
                .doesNotContain(">first<");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.html");
        }
    }

    @Test
    void headerSaysWhatRanWhereAndHowLong() {
        RunReport report = Reports.sample("mnist");
        RunReport resumed = new RunReport("mnist", "dl4j", "mesos://m:5050", true, Instant.parse("2025-03-01T10:15:30Z"),
                Duration.ofHours(2).plusMinutes(3).plusSeconds(4), 1200, null, List.of(), List.of(), List.of(),
                List.of(), List.of());

        String fresh = ReportSummary.header(report);
        String again = ReportSummary.header(resumed);

        assertThat(fresh).contains("tensorflow", "mesos://master.example:5050", "2025-03-01 10:15:30 UTC", "3m 32s",
                "<code>/data/out/model</code>").doesNotContain("Resumed from", "GPUs were simulated");
        assertThat(again).contains("<dt>Resumed from</dt><dd>step 1200</dd>", "2h 03m 04s", "not exported",
                "<p class=\"notice\" id=\"simulated-gpus\">GPUs were simulated: training ran on CPU.</p>");
    }

    @Test
    void summaryShowsTheFinalEpoch() {
        String table = ReportSummary.table(Reports.sample("mnist"));

        // Epoch 4 ends at step 5000: loss 2.3·e^(-5000/1500) + 0.17, accuracy 0.6 + 4·0.07.
        assertThat(table).contains("<th>Last epoch</th><td>4</td>", "<th>Final loss</th><td>0.2521</td>",
                "<th>Validation accuracy</th><td>88.00%</td>", "<th>Samples/s</th><td>1,040</td>",
                "<th>Total steps</th><td>5000</td>");
    }

    @Test
    void summaryOfARunWithoutEpochsOrValidationUsesTheLastStep() {
        RunReport report = Reports.withSteps(Reports.empty(),
                List.of(new StepPoint(2, 0, 0.75, 120), new StepPoint(1, 0, 0.9, 100)));

        String table = ReportSummary.table(report);

        assertThat(table).contains("<th>Last epoch</th><td>none finished</td>", "<th>Final loss</th><td>0.7500</td>",
                "<th>Validation accuracy</th><td>n/a</td>", "<th>Samples/s</th><td>120.000</td>",
                "<th>Total steps</th><td>2</td>");
    }

    @Test
    void nullFieldsAndListsAreShownAsUnknownOrEmpty() throws Exception {
        RunReport report = new RunReport(null, null, null, false, null, null, 0, null, null, null, null, null, null);
        Path file = dir.resolve("report.html");

        ReportWriter.write(report, file);

        // uPlot's own code says null; the page around it must not.
        String page = Files.readString(file).replace(WebJarAsset.text(UPlotLibrary.WEBJAR, UPlotLibrary.SCRIPT_FILE).strip(), "");
        assertThat(page).contains("<span class=\"unknown\">unknown</span>",
                "No loss was recorded", "No validation data", "No per-worker throughput was recorded",
                "No agents or workers were recorded", "No epoch finished").doesNotContain(">null<", "\"null\"", ": null");
    }

    @Test
    void workersTableJoinsPlacementAndThroughputByRank() {
        String table = ReportTables.workers(Reports.sample("mnist"));

        assertThat(table).contains(
                "<tr><td>0</td><td>gpu-1.example</td><td>agent-a</td><td>0</td><td>exec-0</td><td>410.000</td>"
                        + "<td>91%</td></tr>",
                "<tr><td>3</td><td>cpu-1.example</td><td>agent-c</td><td>CPU</td><td>exec-3</td><td>40.000</td>"
                        + "<td>n/a</td></tr>");
        assertThat(Markup.count(table, "<tr><td>")).isEqualTo(6);
    }
}
