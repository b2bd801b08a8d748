package dev.gantry.run;

import dev.gantry.job.JobSpec;
import dev.gantry.job.JobSpecException;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.EmbeddedClusters;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.report.ReportWriter;
import dev.gantry.report.WorkerPlacement;
import dev.gantry.spark.ExecutorPlacement;
import dev.gantry.spark.MesosExecutors;
import dev.gantry.spark.MesosSparkSettings;
import dev.gantry.spark.SparkAuthentication;
import dev.gantry.training.TrainingJob;
import dev.gantry.training.backend.Backends;
import dev.gantry.training.checkpoint.DamagedCheckpointException;
import dev.gantry.training.checkpoint.ForeignCheckpointException;
import dev.gantry.training.data.DataSources;
import dev.gantry.training.data.DataSpec;
import dev.gantry.training.spark.DistributedTrainer;
import dev.gantry.training.spark.StopRequest;
import dev.gantry.training.spark.StoppedOnRequestException;
import dev.gantry.training.spark.TrainingRun;
import dev.gantry.training.worker.BothSinks;
import dev.gantry.training.worker.ProgressSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One {@code gantry run}: every check that can fail without starting anything first (spec, data
 * files, output directory, master, capacity), then the cluster, the placement, training with live
 * progress, and the summary, model, metrics and report. Bad input is a {@link JobSpecException}
 * naming the field, thrown before anything is written.
 */
public final class JobRun {
    /** Executor JVMs start in seconds; the gang timeout is about offers, so this is added to it. */
    private static final Duration EXECUTOR_START = Duration.ofSeconds(60);

    private final JobSpec spec;
    /** The job's settings, read once from its spec: everything below takes them from here. */
    private final MesosSparkSettings settings;
    private final String master;
    private final ClusterSpec embedded;
    private final PrintWriter out;
    private final boolean terminal;
    private ProgressSink observer = ProgressSink.NONE;
    /** The step of the checkpoint {@link #check()} found, where training will resume; 0 for none. */
    private long checkpointStep;

    /**
     * @param settings the job's settings, {@link JobSpec#settings()} of {@code spec}
     * @param master   the master to run against, or null for an embedded cluster of {@code embedded}
     * @param terminal whether {@code out} is a terminal, for a progress bar instead of log lines
     */
    public JobRun(JobSpec spec, MesosSparkSettings settings, String master, ClusterSpec embedded, PrintWriter out,
                  boolean terminal) {
        this.spec = spec;
        this.settings = settings;
        this.master = master;
        this.embedded = embedded;
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Everything that needs no backend and starts nothing; what {@code --dry-run} does before it
     * prints the plan, and what the launcher does before it starts a driver JVM.
     *
     * @return the cluster as the job will find it
     */
    public ClusterView check() {
        try {
            SparkAuthentication.withSecret(settings.properties(), System::getenv);
        } catch (IllegalArgumentException e) {
            throw new JobSpecException("spark: " + e.getMessage());
        }
        TrainingJob job = spec.toTrainingJob();
        OutputCheck.check(spec.output().directory());
        // The launcher scanned the data moments ago, before it started this driver JVM; a second pass
        // over a large CSV would only delay the job.
        if (!DriverRun.inDriver()) {
            int features = job.model().featureCount();
            int classes = job.model().classes();
            DataCheck.check(spec.toDataSpec(), "data", features, classes);
            spec.validationDataSpec().ifPresent(v -> DataCheck.check(v, "data.validation", features, classes));
        }
        try {
            checkpointStep = job.checkpoints().latest(job.identity()).map(c -> c.state().step()).orElse(0L);
        } catch (ForeignCheckpointException | DamagedCheckpointException e) {
            throw new JobSpecException("output.directory: " + e.getMessage());
        }
        ClusterView cluster = master == null ? ClusterView.ofEmbedded(embedded)
                : MasterProbe.read(master, settings.credential());
        Capacity.check(cluster, spec.resources().workers(), settings, spec.resources().memoryPerWorker());
        return cluster;
    }

    public void dryRun(ClusterView cluster) {
        DryRun.print(out, cluster, settings, spec.resources().workers());
    }

    /** Also tells {@code sink} every step and epoch, as the display gets them; for benchmarks. */
    public JobRun observedBy(ProgressSink sink) {
        this.observer = sink;
        return this;
    }

    /** Whether this JVM can train {@code spec}, or needs a driver JVM with the framework's backend. */
    public static boolean backendPresent(JobSpec spec) {
        return Backends.present(spec.framework().id());
    }

    /**
     * Trains the job; call {@link #check()} first. Stopped from outside (Ctrl-C, the launcher gone),
     * it stops the job, the framework and the cluster, and prints which checkpoint it kept.
     */
    public TrainingRun train(ClusterView cluster) throws Exception {
        TrainingJob job = spec.toTrainingJob();
        try (OutputLock output = OutputLock.take(job); RunShutdown shutdown = RunShutdown.register(job, out)) {
            if (master != null) {
                return train(cluster, master, false, shutdown);
            }
            try (LocalCluster local = LocalCluster.start(embedded);
                 var registered = EmbeddedClusters.register(local.mesosUrl())) {
                shutdown.cluster(local);
                out.println("started an embedded cluster at " + local.mesosUrl() + ": " + cluster.describeTotals());
                if (local.gpusSimulated()) {
                    out.println("GPUs are simulated: this machine has no NVIDIA GPUs (or fewer than asked for), so each"
                            + " worker sees its GPU ids in CUDA_VISIBLE_DEVICES and trains on CPU");
                }
                // The started cluster's own view: its agent ids are the ones executors report.
                return train(MasterProbe.read(local.mesosUrl(), Optional.empty()), local.mesosUrl(), true, shutdown);
            }
        }
    }

    private TrainingRun train(ClusterView cluster, String url, boolean local, RunShutdown shutdown) throws Exception {
        TrainingJob job = spec.toTrainingJob();
        try (ProgressFile progressFile = ProgressFile.in(Path.of(job.output()), this::warn)) {
            progressFile.start(spec.name(), spec.framework().id(), spec.resources().workers(), job.config().epochs(),
                    checkpointStep);
            ProgressFile.Outcome outcome = ProgressFile.Outcome.FAILED;
            List<ProgressFile.WorkerRate> rates = List.of();
            try {
                TrainingRun run = train(cluster, url, local, shutdown, progressFile);
                outcome = ProgressFile.Outcome.FINISHED;
                progressFile.reached(run.steps());
                rates = run.workerStats().stream()
                        .map(w -> new ProgressFile.WorkerRate(w.rank(), w.samplesPerSecond())).toList();
                return run;
            } catch (StoppedOnRequestException e) {
                outcome = ProgressFile.Outcome.STOPPED;
                throw e;
            } finally {
                progressFile.end(outcome, rates);
            }
        }
    }

    private void warn(String line) {
        out.println(line);
        out.flush();
    }

    private TrainingRun train(ClusterView cluster, String url, boolean local, RunShutdown shutdown,
                              ProgressFile progressFile) throws Exception {
        Instant started = Instant.now();
        int workers = spec.resources().workers();
        out.println(startLine(spec, settings));
        out.flush();
        SparkSession spark;
        try {
            spark = DriverSessions.start(settings.properties(), url, local, System::getenv);
        } catch (IllegalArgumentException e) {
            throw new JobSpecException("spark: " + e.getMessage());
        }
        shutdown.spark(spark);
        try {
            ExecutorGpus gpus = new ExecutorGpus();
            spark.sparkContext().addSparkListener(gpus);
            Duration wait = settings.gangTimeout()
                    .orElseGet(() -> Duration.ofMillis(JavaUtils.timeStringAsMs(spec.resources().gangTimeout())))
                    .plus(EXECUTOR_START);
            List<ExecutorPlacement> placed = Placements.await(spark.sparkContext(), workers, wait,
                    () -> "free now: " + (local ? cluster : MasterProbe.read(url, settings.credential())).describe());
            Placements.print(out, placed, gpus, settings.placementPolicy());
            progressFile.placement(settings.placementPolicy(), Placements.executors(placed, gpus));

            TrainingJob job = spec.toTrainingJob();
            Dataset<Row> data = read(spark, spec.toDataSpec(), job, "data");
            Dataset<Row> validation = spec.validationDataSpec().map(v -> read(spark, v, job, "data.validation"))
                    .orElse(null);
            ProgressDisplay progress = new ProgressDisplay(out, terminal, job.config().epochs(), System::nanoTime);
            shutdown.progress(progress);
            StopRequest stop = new StopRequest();
            shutdown.training(stop);
            TrainingRun run;
            try {
                run = new DistributedTrainer(spark).train(job, data, validation, "features", "label",
                        new BothSinks(progress, new BothSinks(progressFile, observer)), stop);
            } finally {
                progress.finish();
            }
            if (run.resumedFromStep() >= run.steps()) {
                out.println("job " + spec.name() + " had already finished all " + run.steps() + " steps in "
                        + job.output() + "; its model, metrics and report are the earlier run's. Delete the"
                        + " directory (or set output.directory) to train again.");
                out.flush();
                return run;
            }
            Duration elapsed = Duration.between(started, Instant.now());
            // A worker whose executor was lost ran its last attempt on a replacement, placed since.
            List<WorkerPlacement> where = RunReports.workers(run,
                    RunReports.latestFirst(MesosExecutors.placements(spark.sparkContext()), placed));
            Path report = Path.of(job.output()).resolve("report.html");
            ReportWriter.write(RunReports.of(spec.name(), spec.framework().id(), cluster, url, started, elapsed, run,
                    where, progress.steps()), report);
            Summary.print(out, spec.name(), run, where, elapsed, report);
            return run;
        } finally {
            spark.stop();
        }
    }

    private static Dataset<Row> read(SparkSession spark, DataSpec data, TrainingJob job, String field) {
        try {
            return DataSources.read(spark, data, job.model().featureCount());
        } catch (IllegalArgumentException e) {
            throw new JobSpecException(field + ": " + e.getMessage());
        }
    }

    /** What a run says as it starts: the GPUs are the backend's, a user's {@code spark} keys included. */
    static String startLine(JobSpec spec, MesosSparkSettings settings) {
        return "job " + spec.name() + ": " + spec.framework().id() + " "
                + spec.model().kind().name().toLowerCase(Locale.ROOT) + ", " + spec.resources().workers() + " worker(s) x " + settings.executorGpus()
                + " GPU(s), waiting for executors";
    }
}
