package dev.gantry.run;

import dev.gantry.job.JobSpec;
import dev.gantry.job.JobSpecReader;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.EmbeddedClusters;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.files.Directories;
import dev.gantry.training.worker.EpochMetrics;
import dev.gantry.training.worker.ProgressSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * {@code gantry bench training}: a job's throughput per worker (per GPU) and how it scales with the
 * number of workers, measured by running the job itself on the cluster for a fixed number of steps
 * at each size. Weak scaling: every worker keeps the same share of the batch, so perfect scaling is
 * an efficiency of 1 (per-worker samples/s equal to the smallest run's). Warm-up steps (graph
 * building, JIT, the ring's first rounds) are not timed.
 */
public final class TrainingBench {
    /** One size's figures; {@code efficiency} is per-worker samples/s against the smallest size's. */
    public record Point(int workers, int gpusPerWorker, int globalBatch, long steps, double samplesPerSecond,
                        double perWorker, double efficiency) {}

    private final Path file;
    private final List<String> sets;
    private final int steps;
    private final int warmup;

    public TrainingBench(Path file, List<String> sets, int steps, int warmup) {
        this.file = file;
        this.sets = List.copyOf(sets);
        this.steps = steps;
        this.warmup = warmup;
    }

    /** The job as benchmarked with {@code workers} workers, its output under {@code scratch}. */
    public JobSpec spec(int workers, Path scratch) {
        JobSpec base = new JobSpecReader().read(file, sets);
        int perWorker = Math.max(1, base.training().batchSize() / base.resources().workers());
        List<String> bench = new ArrayList<>(sets);
        bench.addAll(List.of("resources.workers=" + workers, "training.batchSize=" + perWorker * workers,
                "training.maxSteps=" + (warmup + steps), "training.epochs=1000000",
                "training.checkpointSteps=" + (warmup + steps), "data.validation=~",
                "output.directory=" + scratch.resolve("workers-" + workers), "name=" + base.name() + "-bench-" + workers));
        return new JobSpecReader().read(file, bench);
    }

    /**
     * Runs every size in turn, against {@code master} or an embedded cluster of {@code embedded}
     * started once for all of them.
     *
     * @param embedded the embedded cluster for a given largest size, used when master is null
     */
    public List<Point> run(List<Integer> sizes, String master, IntFunction<ClusterSpec> embedded, PrintWriter out)
            throws Exception {
        Path scratch = Files.createTempDirectory("gantry-bench-");
        try {
            if (master != null) {
                return runAll(sizes, master, scratch, out);
            }
            int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(1);
            try (LocalCluster cluster = LocalCluster.start(embedded.apply(largest));
                 var registered = EmbeddedClusters.register(cluster.mesosUrl())) {
                out.println("started an embedded cluster at " + cluster.mesosUrl()
                        + (cluster.gpusSimulated() ? " (GPUs simulated: training runs on CPU)" : ""));
                return runAll(sizes, cluster.mesosUrl(), scratch, out);
            }
        } finally {
            Directories.deleteTree(scratch);
        }
    }

    private List<Point> runAll(List<Integer> sizes, String url, Path scratch, PrintWriter out) throws Exception {
        List<Point> points = new ArrayList<>();
        PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream());
        for (int workers : sizes) {
            JobSpec spec = spec(workers, scratch);
            StepClock clock = new StepClock(warmup, warmup + steps);
            JobRun run = new JobRun(spec, spec.settings(), url, null, quiet, false).observedBy(clock);
            run.train(run.check());
            double samplesPerSecond = clock.steps() * (double) spec.training().batchSize() / clock.seconds();
            double perWorker = samplesPerSecond / workers;
            double efficiency = points.isEmpty() ? 1.0 : perWorker / points.get(0).perWorker();
            Point point = new Point(workers, spec.resources().gpusPerWorker(), spec.training().batchSize(), steps,
                    samplesPerSecond, perWorker, efficiency);
            points.add(point);
            out.printf("%d worker(s): %s samples/s, %s per worker, efficiency %.2f%n", workers,
                    Formats.rate(samplesPerSecond), Formats.rate(perWorker), efficiency);
            out.flush();
        }
        return points;
    }

    /**
     * The time from the first step reported at or after the warm-up to the last step, as worker 0
     * reports them to the driver (it reports a few times a second, and always the last step).
     */
    private static final class StepClock implements ProgressSink {
        private final long from;
        private final long to;
        private long startStep = -1;
        private long startNanos;
        private long endNanos;

        StepClock(long from, long to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public synchronized void step(int epoch, long step, long totalSteps, double loss, double samplesPerSecond) {
            long now = System.nanoTime();
            if (startStep < 0 && step >= from && step < to) {
                startStep = step;
                startNanos = now;
            } else if (step == to) {
                endNanos = now;
            }
        }

        @Override
        public void epoch(EpochMetrics metrics) {
        }

        synchronized long steps() {
            return to - startStep;
        }

        synchronized double seconds() throws IOException {
            if (startStep < 0 || endNanos == 0) {
                throw new IOException("the run reported no step between " + from + " and " + to
                        + "; raise --steps");
            }
            return (endNanos - startNanos) / 1e9;
        }
    }
}
