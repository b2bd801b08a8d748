package dev.gantry.service.metrics;

import dev.gantry.mesos.MasterState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges of who holds the cluster's GPUs ({@link GpuUse}), read from the master's state once
 * per scrape. When the master cannot be read, they have no series for that scrape rather than the
 * last numbers read, and {@code gantry_master_reachable} says 0: a dashboard shows a gap, not a
 * cluster that looks busy or idle when nobody knows.
 */
public final class ClusterGauges {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterGauges.class);

    private final Supplier<String> masterState;
    private final Supplier<? extends Collection<GpuUse.RunningJob>> running;
    private final String jobLabel;
    private final ScrapeGauge allocated;
    private final ScrapeGauge free;
    private final ScrapeGauge jobGpus;
    private final ScrapeGauge jobExecutors;
    private final AtomicInteger reachable = new AtomicInteger();
    private volatile boolean failing;

    /**
     * @param masterState the master's {@code /master/state} JSON, read afresh each call (with a short
     *     timeout: a scrape waits for it); throws when the master does not answer
     * @param running the service's jobs that may hold tasks now
     * @param jobLabel the label whose value is a job's id on its executor tasks
     */
    private ClusterGauges(ServiceMetrics metrics, Supplier<String> masterState,
            Supplier<? extends Collection<GpuUse.RunningJob>> running, String jobLabel) {
        this.masterState = masterState;
        this.running = running;
        this.jobLabel = jobLabel;
        var registry = metrics.registry();
        allocated = new ScrapeGauge(registry, "gantry.gpus.allocated",
                "GPUs held by tasks that have not ended, per agent and role");
        free = new ScrapeGauge(registry, "gantry.gpus.free",
                "GPUs no task holds, per agent and the role that may take them (* for unreserved)");
        jobGpus = new ScrapeGauge(registry, "gantry.job.gpus",
                "GPUs a running job holds now: its driver task's and its executor tasks'");
        jobExecutors = new ScrapeGauge(registry, "gantry.job.executors.running",
                "A running job's executor tasks in TASK_RUNNING");
        Gauge.builder("gantry.master.reachable", reachable, AtomicInteger::get)
                .description("1 when the last scrape read the master's state, else 0 (the GPU gauges are then absent)")
                .register(registry);
    }

    /** Registers the gauges with {@code metrics}, refreshed before each of its scrapes. */
    public static ClusterGauges register(ServiceMetrics metrics, Supplier<String> masterState,
            Supplier<? extends Collection<GpuUse.RunningJob>> running, String jobLabel) {
        ClusterGauges gauges = new ClusterGauges(metrics, masterState, running, jobLabel);
        metrics.onScrape(gauges::refresh);
        return gauges;
    }

    void refresh() {
        GpuUse use;
        try {
            use = GpuUse.of(MasterState.parse(masterState.get()), running.get(), jobLabel);
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("metrics: cannot read the master's state, GPU gauges left out until it answers: {}",
                        e.getMessage());
            }
            failing = true;
            reachable.set(0);
            allocated.clear();
            free.clear();
            jobGpus.clear();
            jobExecutors.clear();
            return;
        }
        if (failing) {
            LOG.info("metrics: the master's state reads again");
        }
        failing = false;
        reachable.set(1);
        allocated.set(byAgentAndRole(use.allocated()));
        free.set(byAgentAndRole(use.free()));
        Map<Tags, Double> gpus = new LinkedHashMap<>();
        Map<Tags, Integer> executors = new LinkedHashMap<>();
        for (GpuUse.JobUse job : use.jobs()) {
            Tags tags = Tags.of("job_id", Long.toString(job.jobId()), "team", job.team());
            gpus.put(tags, job.gpus());
            executors.put(tags, job.executorsRunning());
        }
        jobGpus.set(gpus);
        jobExecutors.set(executors);
    }

    private static Map<Tags, Double> byAgentAndRole(Collection<GpuUse.AgentRole> rows) {
        Map<Tags, Double> values = new LinkedHashMap<>();
        rows.forEach(row -> values.put(Tags.of("agent", row.agent(), "role", row.role()), row.gpus()));
        return values;
    }
}
