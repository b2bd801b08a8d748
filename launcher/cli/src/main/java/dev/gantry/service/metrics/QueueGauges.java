package dev.gantry.service.metrics;

import io.micrometer.core.instrument.Tags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** {@code gantry_queue_length}: jobs waiting per team, as the dispatcher's last round left the queue. */
public final class QueueGauges {
    private QueueGauges() {}

    /**
     * @param waitingByTeam every team's waiting jobs, teams without any present with 0
     */
    public static void register(ServiceMetrics metrics, Supplier<Map<String, Integer>> waitingByTeam) {
        ScrapeGauge length = new ScrapeGauge(metrics.registry(), "gantry.queue.length",
                "Jobs waiting in the queue (queued or preempted), per team");
        metrics.onScrape(() -> {
            Map<Tags, Integer> values = new LinkedHashMap<>();
            waitingByTeam.get().forEach((team, count) -> values.put(Tags.of("team", team), count));
            length.set(values);
        });
    }
}
