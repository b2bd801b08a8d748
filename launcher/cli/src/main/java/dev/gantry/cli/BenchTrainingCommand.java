package dev.gantry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gantry.job.JobSpec;
import dev.gantry.job.JobSpecException;
import dev.gantry.job.JobSpecReader;
import dev.gantry.run.DriverRun;
import dev.gantry.run.JobRun;
import dev.gantry.run.TrainingBench;
import dev.gantry.files.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry bench training JOB.yaml}: samples/s per worker and scaling across a job's workers. */
@Command(name = "training",
        mixinStandardHelpOptions = true,
        resourceBundle = "dev.gantry.cli.EmbeddedClusterOptions$SizedForLargestCount",
        description = "Runs a job for a fixed number of steps at several worker counts (each worker keeping its share"
                + " of the batch) and prints samples/s in all, per worker (per GPU with GPUs) and the scaling"
                + " efficiency against the smallest count.")
final class BenchTrainingCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB.yaml", description = "The job spec to measure.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Overrides a field of the spec; repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--workers", split = ",", paramLabel = "N", description = "Worker counts to run, comma-separated"
            + " (default: 1 and the job's own).")
    List<Integer> workers;

    @Option(names = "--steps", defaultValue = "50", description = "Timed steps per run (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "10", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path json;

    @Option(names = "--master", paramLabel = "URL", description = "Mesos master (default: the spec's, else an"
            + " embedded cluster sized for the largest count).")
    String master;

    @Mixin
    EmbeddedClusterOptions clusterOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (steps < 1 || warmup < 1) {
            throw new JobSpecException("--steps and --warmup must be at least 1");
        }
        TrainingBench bench = new TrainingBench(file, sets, steps, warmup);
        JobSpec job = bench.spec(1, Path.of("unused"));
        int own = new JobSpecReader().read(file, sets).resources().workers();
        List<Integer> sizes = workers != null ? workers : own > 1 ? List.of(1, own) : List.of(1);
        if (sizes.stream().anyMatch(n -> n < 1)) {
            throw new JobSpecException("--workers: every count must be at least 1");
        }
        String chosen = master != null ? master : job.masterUrl().orElse(null);
        if (!JobRun.backendPresent(job)) {
            return DriverRun.relaunch(job.framework().id(), CommandLines.originalArguments(spec));
        }
        List<TrainingBench.Point> points = bench.run(sizes, chosen, n -> {
            JobSpec largest = bench.spec(n, Path.of("unused"));
            return clusterOptions.forJob(largest, largest.settings()).onFreeLoopbackPort();
        }, out);
        print(out, job, points);
        if (json != null) {
            AtomicFiles.writeString(json, JSON.writeValueAsString(points));
            out.println("wrote " + json);
        }
        return 0;
    }

    private static void print(PrintWriter out, JobSpec job, List<TrainingBench.Point> points) {
        String per = job.resources().gpusPerWorker() > 0 ? "per GPU" : "per worker";
        out.println();
        out.println(String.format(Locale.ROOT, "%7s  %6s  %12s  %12s  %10s", "workers", "batch", "samples/s", per,
                "efficiency"));
        for (TrainingBench.Point p : points) {
            double perUnit = p.gpusPerWorker() > 0 ? p.perWorker() / p.gpusPerWorker() : p.perWorker();
            out.println(String.format(Locale.ROOT, "%7d  %6d  %12.1f  %12.1f  %10.2f", p.workers(), p.globalBatch(),
                    p.samplesPerSecond(), perUnit, p.efficiency()));
        }
        out.flush();
    }
}
