package dev.gantry.service.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A gauge with one series per label set, all set anew before each scrape: a series missing from
 * the new values disappears, so a job that ended or an agent that left stops showing at once,
 * and {@link #clear()} leaves the metric with no series at all (no stale numbers).
 */
final class ScrapeGauge {
    private final MultiGauge gauge;

    ScrapeGauge(MeterRegistry registry, String name, String description) {
        this.gauge = MultiGauge.builder(name).description(description).register(registry);
    }

    /** The series from now on: each label set with its value. */
    void set(Map<Tags, ? extends Number> values) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        // A row of a number holds it strongly: nothing the garbage collector could take before the scrape.
        values.forEach((tags, value) -> rows.add(MultiGauge.Row.of(tags, value)));
        gauge.register(rows, true);
    }

    void clear() {
        gauge.register(List.of(), true);
    }
}
