package dev.gantry.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.service.metrics.GpuUse.RunningJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana/gantry-service.json and docs/service-metrics.md against what a registry of the
 * service really exposes: every metric a panel queries exists (a renamed metric would leave a panel
 * empty without a word), every panel reads the dashboard's Prometheus variable, and every exposed
 * metric is documented.
 */
class GrafanaDashboardTest {
    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    private static final Path DASHBOARD = ROOT.resolve("docs/grafana/gantry-service.json");
    private static final Pattern METRIC = Pattern.compile("\\bgantry_[a-zA-Z0-9_]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Set<String> exposed;

    /** A registry as the service wires it, with every kind of event recorded once, scraped. */
    @BeforeAll
    static void scrapeAnInstance() throws IOException {
        ServiceMetrics metrics = new ServiceMetrics();
        String state = GpuUseTest.fixture();
        ClusterGauges.register(metrics, () -> state, () -> List.of(new RunningJob(7, "vision",
                Optional.of("driver-7-2"))), "gantry_job");
        QueueGauges.register(metrics, () -> Map.of("vision", 1));
        TrainingGauges.register(metrics, () -> List.of(new TrainingGauges.JobTraining(7, "vision", 100.0, 0.5, 3L)));
        metrics.queueWait("vision", Duration.ofSeconds(5));
        metrics.placementRound(Duration.ofMillis(4));
        metrics.offersReceived(1);
        metrics.offersDeclined("demand_satisfied", 1);
        metrics.driverLaunched("vision");
        metrics.driverFailed("DRIVER_FAILED");
        metrics.jobFinished("vision", "COMPLETED");
        exposed = Scrape.of(metrics.scrape()).names();
    }

    private static List<JsonNode> targets(JsonNode dashboard) {
        List<JsonNode> targets = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(targets::add);
        }
        return targets;
    }

    @Test
    void everyQueryNamesOnlyMetricsTheServiceExposes() throws IOException {
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        Set<String> queried = new TreeSet<>();
        for (JsonNode target : targets(dashboard)) {
            String expr = target.path("expr").asText();
            assertThat(expr).as("a target without a query").isNotBlank();
            Matcher m = METRIC.matcher(expr);
            boolean any = false;
            while (m.find()) {
                queried.add(m.group());
                any = true;
            }
            assertThat(any).as("'%s' queries no gantry metric", expr).isTrue();
        }
        assertThat(exposed).as("what the registry exposes").contains("gantry_job_gpus");
        assertThat(queried).isSubsetOf(exposed);
    }

    @Test
    void everyPanelReadsTheDashboardsPrometheusVariable() throws IOException {
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("templating").path("list")).anySatisfy(variable -> {
            assertThat(variable.path("name").asText()).isEqualTo("DS_PROMETHEUS");
            assertThat(variable.path("type").asText()).isEqualTo("datasource");
            assertThat(variable.path("query").asText()).isEqualTo("prometheus");
        });
        assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(panel ->
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                        .isEqualTo("${DS_PROMETHEUS}"));
        assertThat(targets(dashboard)).allSatisfy(target ->
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}"));
    }

    @Test
    void everyExposedMetricIsDocumented() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/service-metrics.md"));
        for (String name : exposed) {
            if (name.startsWith("gantry_")) {
                // A histogram's series (_bucket, _count, _sum) and a timer's _max are documented under its name.
                String base = name.replaceAll("_(bucket|count|sum|max)$", "");
                assertThat(doc).as("docs/service-metrics.md documents %s", name).contains("`" + base);
            }
        }
    }
}
