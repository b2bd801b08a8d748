package dev.gantry.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.service.metrics.GpuUse.RunningJob;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What a scrape of the service's registry shows, in Prometheus' text format, parsed back. */
class ServiceMetricsTest {
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final AtomicReference<Supplier<String>> master = new AtomicReference<>();
    private final List<RunningJob> running = new ArrayList<>(List.of(new RunningJob(7, "vision",
            Optional.of("driver-7-2"))));

    ServiceMetricsTest() throws IOException {
        String state = GpuUseTest.fixture();
        master.set(() -> state);
        ClusterGauges.register(metrics, () -> master.get().get(), () -> List.copyOf(running), "gantry_job");
    }

    @Test
    void gpuGaugesAreReadFromTheMastersStateAtTheScrape() {
        Scrape scrape = Scrape.of(metrics.scrape());
        assertThat(scrape.value("gantry_job_gpus", Map.of("job_id", "7", "team", "vision"))).isEqualTo(2.0);
        assertThat(scrape.value("gantry_job_executors_running", Map.of("job_id", "7", "team", "vision")))
                .isEqualTo(1.0);
        assertThat(scrape.value("gantry_gpus_allocated", Map.of("agent", "S0", "role", "vision"))).isEqualTo(2.0);
        assertThat(scrape.value("gantry_gpus_free", Map.of("agent", "S0", "role", "*"))).isEqualTo(1.0);
        assertThat(scrape.sum("gantry_gpus_allocated") + scrape.sum("gantry_gpus_free"))
                .as("every GPU of the cluster is held or free").isEqualTo(6.0);
        assertThat(scrape.value("gantry_master_reachable", Map.of())).isEqualTo(1.0);
    }

    @Test
    void aJobThatEndedDisappearsAtTheNextScrape() {
        assertThat(Scrape.of(metrics.scrape()).series("gantry_job_gpus")).hasSize(1);
        running.clear();
        assertThat(Scrape.of(metrics.scrape()).series("gantry_job_gpus")).isEmpty();
    }

    @Test
    void whenTheMasterCannotBeReadTheGpuGaugesAreAbsentNotStale() {
        assertThat(Scrape.of(metrics.scrape()).series("gantry_gpus_allocated")).isNotEmpty();
        String before = master.get().get();
        master.set(() -> {
            throw new IllegalStateException("connection refused");
        });
        Scrape down = Scrape.of(metrics.scrape());
        for (String name : List.of("gantry_gpus_allocated", "gantry_gpus_free", "gantry_job_gpus",
                "gantry_job_executors_running")) {
            assertThat(down.series(name)).as(name).isEmpty();
        }
        assertThat(down.value("gantry_master_reachable", Map.of())).isEqualTo(0.0);
        master.set(() -> before);
        assertThat(Scrape.of(metrics.scrape()).value("gantry_job_gpus", Map.of("job_id", "7", "team", "vision")))
                .isEqualTo(2.0);
    }

    @Test
    void theMasterIsReadOncePerScrape() throws IOException {
        AtomicInteger reads = new AtomicInteger();
        String state = GpuUseTest.fixture();
        master.set(() -> {
            reads.incrementAndGet();
            return state;
        });
        metrics.scrape();
        metrics.scrape();
        assertThat(reads).hasValue(2);
    }

    @Test
    void queueLengthIsPerTeamWithEmptyTeamsAtZero() {
        QueueGauges.register(metrics, () -> Map.of("vision", 2, "speech", 0));
        Scrape scrape = Scrape.of(metrics.scrape());
        assertThat(scrape.value("gantry_queue_length", Map.of("team", "vision"))).isEqualTo(2.0);
        assertThat(scrape.value("gantry_queue_length", Map.of("team", "speech"))).isEqualTo(0.0);
    }

    @Test
    void countersAndTimersCarryTheirLabels() {
        metrics.offersReceived(3);
        metrics.offersDeclined("nothing_fits", 2);
        metrics.driverLaunched("vision");
        metrics.driverFailed("AGENT_LOST");
        metrics.jobFinished("vision", "COMPLETED");
        metrics.jobFinished("vision", "COMPLETED");
        metrics.queueWait("vision", Duration.ofSeconds(42));
        metrics.placementRound(Duration.ofMillis(3));
        Scrape scrape = Scrape.of(metrics.scrape());
        assertThat(scrape.value("gantry_offers_received_total", Map.of())).isEqualTo(3.0);
        assertThat(scrape.value("gantry_offers_declined_total", Map.of("reason", "nothing_fits"))).isEqualTo(2.0);
        assertThat(scrape.value("gantry_driver_launches_total", Map.of("role", "vision"))).isEqualTo(1.0);
        assertThat(scrape.value("gantry_driver_failures_total", Map.of("reason", "AGENT_LOST"))).isEqualTo(1.0);
        assertThat(scrape.value("gantry_job_outcomes_total", Map.of("team", "vision", "state", "COMPLETED")))
                .isEqualTo(2.0);
        assertThat(scrape.value("gantry_queue_wait_seconds_sum", Map.of("team", "vision"))).isEqualTo(42.0);
        // Histogram buckets: 42 s falls in the one-minute bucket, not the 30-second one.
        assertThat(scrape.value("gantry_queue_wait_seconds_bucket", Map.of("team", "vision", "le", "30.0")))
                .isEqualTo(0.0);
        assertThat(scrape.value("gantry_queue_wait_seconds_bucket", Map.of("team", "vision", "le", "60.0")))
                .isEqualTo(1.0);
        assertThat(scrape.value("gantry_placement_round_seconds_count", Map.of())).isEqualTo(1.0);
    }

    @Test
    void theContentTypeIsPrometheusText() {
        assertThat(metrics.contentType()).startsWith("text/plain").contains("version=0.0.4");
    }
}
