package dev.gantry.cli;

import dev.gantry.job.JobSpec;
import dev.gantry.job.JobSpecReader;
import dev.gantry.run.ClusterView;
import dev.gantry.run.DriverRun;
import dev.gantry.run.JobRun;
import dev.gantry.spark.MesosSparkSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry run job.yaml}: a training job from its spec to its report. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        resourceBundle = "dev.gantry.cli.EmbeddedClusterOptions$SizedForJob",
        description = "Runs a training job described by a YAML spec: on its master, or, when it names none, on an"
                + " embedded cluster started for it. Shows the placement, live progress and a summary, and writes the"
                + " model, metrics.json and report.html into the job's output directory.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB.yaml", description = "The job spec.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Overrides a field of the spec, e.g."
            + " training.epochs=1 or spark.spark.executor.memory=2g; repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--dry-run", description = "Checks the job and prints the placement plan; starts nothing.")
    boolean dryRun;

    @Option(names = "--master", paramLabel = "URL", description = "Mesos master to run on, e.g. mesos://host:5050"
            + " (default: the spec's master, else an embedded cluster on this machine).")
    String master;

    @Mixin
    EmbeddedClusterOptions clusterOptions;

    @Override
    public Integer call() throws Exception {
        JobSpec job = new JobSpecReader().read(file, sets);
        String chosen = master != null ? master : job.masterUrl().orElse(null);
        if (chosen != null) {
            clusterOptions.refuseWith(chosen);
        }
        // Read once: the embedded cluster's size, the checks, the plan and the driver all take these.
        MesosSparkSettings settings = job.settings();
        EmbeddedClusterShape shape = chosen == null ? clusterOptions.forJob(job, settings) : null;
        JobRun run = new JobRun(job, settings, chosen, shape == null ? null : shape.onFreeLoopbackPort(),
                spec.commandLine().getOut(), terminal());
        ClusterView cluster = run.check();
        if (dryRun) {
            run.dryRun(cluster);
            return 0;
        }
        if (!JobRun.backendPresent(job)) {
            return DriverRun.relaunch(job.framework().id(), CommandLines.originalArguments(spec));
        }
        run.train(cluster);
        return 0;
    }

    /** A progress bar needs a terminal; GANTRY_PROGRESS=plain asks for log lines on one too. */
    private static boolean terminal() {
        return System.console() != null && !"plain".equals(System.getenv("GANTRY_PROGRESS"));
    }
}
