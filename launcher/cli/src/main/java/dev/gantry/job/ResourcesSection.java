package dev.gantry.job;

import static dev.gantry.job.SpecChecks.orDefault;
import static dev.gantry.job.SpecChecks.orderedCopy;
import static dev.gantry.job.SpecChecks.require;

import java.util.Map;
import org.apache.spark.network.util.JavaUtils;

/**
 * {@code resources}: what each worker gets, and where workers may go. Every field is optional.
 *
 * @param workers         training replicas, one Spark executor with one barrier task each;
 *                        default 1
 * @param gpusPerWorker   whole GPUs per worker (Mesos gives whole GPUs only); 0 (default) is a
 *                        CPU-only job
 * @param cpusPerWorker   CPUs per worker, which are the executor's cores and its one task's
 *                        CPUs; default 1
 * @param memoryPerWorker the executor's JVM heap as Spark writes sizes: {@code 2g},
 *                        {@code 512m}, or a bare number of MiB; default {@code 2g}
 * @param placement       {@code binpack} (default: fill partly used agents first, keeping whole
 *                        GPU agents for large jobs) or {@code spread} (one worker per agent per pass)
 * @param constraints     agent attributes a worker's agent must have, e.g.
 *                        {@code gpu_model: H100}; a value may list alternatives ({@code H100,A100}),
 *                        a number means at least that much ({@code gpu_memory_mb: 40960}), an
 *                        empty value means the attribute must merely exist; default none
 * @param gangTimeout     how long to wait for all workers to be placed at once before giving up,
 *                        as Spark writes durations: {@code 2m}, {@code 90s}; default {@code 2m}
 */
public record ResourcesSection(Integer workers, Integer gpusPerWorker, Integer cpusPerWorker, String memoryPerWorker,
                               Placement placement, Map<String, String> constraints, String gangTimeout) {

    /** The field whose bad values get {@link #GPUS_RULE} rather than a generic phrase. */
    static final String GPUS_FIELD = "resources.gpusPerWorker";
    /** What {@code gpusPerWorker} must be, said the same way for a fraction, a negative or a word. */
    static final String GPUS_RULE = "a whole number of GPUs (0 for a CPU-only job)";

    public ResourcesSection {
        workers = orDefault(workers, 1);
        gpusPerWorker = orDefault(gpusPerWorker, 0);
        cpusPerWorker = orDefault(cpusPerWorker, 1);
        memoryPerWorker = orDefault(memoryPerWorker, "2g").strip();
        placement = orDefault(placement, Placement.BINPACK);
        constraints = orderedCopy(constraints);
        gangTimeout = orDefault(gangTimeout, "2m").strip();
        require(workers >= 1, "resources.workers must be at least 1, got " + workers);
        require(gpusPerWorker >= 0, GPUS_FIELD + " must be " + GPUS_RULE + ", got " + gpusPerWorker);
        require(cpusPerWorker >= 1, "resources.cpusPerWorker must be at least 1, got " + cpusPerWorker);
        require(memoryMb(memoryPerWorker) > 0,
                "resources.memoryPerWorker must be a size like 2g or 512m, got '" + memoryPerWorker + "'");
        require(timeoutMillis(gangTimeout) > 0,
                "resources.gangTimeout must be a duration like 2m or 90s, got '" + gangTimeout + "'");
        constraints.forEach(ResourcesSection::checkConstraint);
    }

    /** All defaults: one CPU-only worker with 1 CPU and 2g, binpacked. */
    public static ResourcesSection defaults() {
        return new ResourcesSection(null, null, null, null, null, null, null);
    }

    /**
     * The constraints in {@code spark.mesos.constraints} syntax ({@code attr:v1,v2;attr2}), which
     * Gantry's backend reads as Spark 3.5's Mesos backend did.
     */
    public String constraintText() {
        StringBuilder text = new StringBuilder();
        constraints.forEach((name, values) -> {
            if (text.length() > 0) {
                text.append(';');
            }
            text.append(name.strip());
            if (!values.isBlank()) {
                text.append(':').append(values.strip());
            }
        });
        return text.toString();
    }

    /** -1 when Spark cannot read the size. */
    private static long memoryMb(String size) {
        try {
            return JavaUtils.byteStringAsMb(size);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static long timeoutMillis(String duration) {
        try {
            return JavaUtils.timeStringAsMs(duration);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    // ';' and ':' separate constraints and their values in Spark's syntax, so they cannot be in names or values.
    private static void checkConstraint(String name, String values) {
        require(!name.isBlank() && !name.matches(".*[;:,].*"),
                "resources.constraints has an attribute name '" + name + "' that is empty or holds ';', ':' or ','");
        require(!values.matches(".*[;:].*"),
                "resources.constraints." + name + " must not hold ';' or ':', got '" + values + "'");
    }
}
