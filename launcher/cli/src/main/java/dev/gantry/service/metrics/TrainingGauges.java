package dev.gantry.service.metrics;

import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How each running job trains, as its driver last wrote in its progress file: samples per second,
 * the latest step's loss and the step. A job that has written nothing yet, or a value it has not
 * measured, has no series: no made-up zero.
 */
public final class TrainingGauges {
    /** A running job's training as far as known; a null value is not known yet. */
    public record JobTraining(long jobId, String team, Double samplesPerSecond, Double loss, Long step) {}

    private final Supplier<? extends Collection<JobTraining>> jobs;
    private final ScrapeGauge samplesPerSecond;
    private final ScrapeGauge loss;
    private final ScrapeGauge step;

    private TrainingGauges(ServiceMetrics metrics, Supplier<? extends Collection<JobTraining>> jobs) {
        this.jobs = jobs;
        var registry = metrics.registry();
        samplesPerSecond = new ScrapeGauge(registry, "gantry.job.samples.per.second",
                "A running job's training throughput, all workers together, as its driver last reported");
        loss = new ScrapeGauge(registry, "gantry.job.loss", "A running job's training loss at its latest step");
        step = new ScrapeGauge(registry, "gantry.job.step", "A running job's latest training step");
    }

    /** Registers the gauges with {@code metrics}, refreshed before each of its scrapes. */
    public static TrainingGauges register(ServiceMetrics metrics, Supplier<? extends Collection<JobTraining>> jobs) {
        TrainingGauges gauges = new TrainingGauges(metrics, jobs);
        metrics.onScrape(gauges::refresh);
        return gauges;
    }

    void refresh() {
        Collection<JobTraining> now = jobs.get();
        samplesPerSecond.set(series(now, JobTraining::samplesPerSecond));
        loss.set(series(now, JobTraining::loss));
        step.set(series(now, JobTraining::step));
    }

    private static Map<Tags, Number> series(Collection<JobTraining> jobs, Function<JobTraining, Number> value) {
        Map<Tags, Number> series = new LinkedHashMap<>();
        for (JobTraining job : jobs) {
            Number known = value.apply(job);
            if (known != null && Double.isFinite(known.doubleValue())) {
                series.put(Tags.of("job_id", Long.toString(job.jobId()), "team", job.team()), known);
            }
        }
        return series;
    }
}
