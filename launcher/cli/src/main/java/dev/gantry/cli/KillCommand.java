package dev.gantry.cli;

import dev.gantry.localcluster.ClusterRegistry;
import dev.gantry.localcluster.EmbeddedClusters;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gantry kill NAME}: tears a job's framework down through the master's
 * {@code POST /master/teardown}. The master kills its executors and removes it; its driver learns
 * that it was removed and stops. A name shared by several jobs is refused unless {@code --all},
 * since killing is not undone; such jobs can be killed one by one by framework id.
 */
@Command(name = "kill",
        mixinStandardHelpOptions = true,
        description = "Tears down a job on a Mesos master: the master kills its tasks and executors and removes its"
                + " framework, and its driver stops. NAME is the job's name (its Spark application name) or its"
                + " framework id. When several jobs share the name, kill one by framework id or all with --all."
                + " Without --master it uses $" + MasterLocator.ENVIRONMENT + ", else the embedded cluster running on"
                + " this machine.")
final class KillCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MasterOptions masterOptions;

    @Parameters(index = "0", paramLabel = "NAME", description = "The job's name or framework id.")
    String name;

    @Option(names = "--all", description = "Kill every job of that name, not only a single one.")
    boolean all;

    private final UnaryOperator<String> environment;
    private final ClusterRegistry registry;

    KillCommand() {
        this(System::getenv, EmbeddedClusters.registry());
    }

    /** With the environment and the registry of embedded clusters given, for tests. */
    KillCommand(UnaryOperator<String> environment, ClusterRegistry registry) {
        this.environment = environment;
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        MasterSession session = masterOptions.open(environment, registry);
        List<ClusterSnapshot.Job> jobs = session.snapshot(Instant.now()).jobs();
        List<ClusterSnapshot.Job> chosen = chosen(jobs, session.url());
        PrintWriter out = spec.commandLine().getOut();
        int killed = 0;
        for (ClusterSnapshot.Job job : chosen) {
            if (session.teardown(job.frameworkId())) {
                killed++;
                out.println("Killed job '" + job.name() + "' (framework " + job.frameworkId() + ") on " + session.url()
                        + ": the master is killing its tasks.");
            } else {
                out.println("Job '" + job.name() + "' (framework " + job.frameworkId() + ") had ended already.");
            }
        }
        if (chosen.size() > 1) {
            out.println("Killed " + killed + " of " + chosen.size() + " jobs named '" + name + "'.");
        }
        out.flush();
        return 0;
    }

    /** The jobs NAME means: the one with that framework id, else those of that name (all only with --all). */
    private List<ClusterSnapshot.Job> chosen(List<ClusterSnapshot.Job> jobs, String master) {
        List<ClusterSnapshot.Job> byId = jobs.stream().filter(j -> j.frameworkId().equals(name)).toList();
        if (!byId.isEmpty()) {
            return byId;
        }
        List<ClusterSnapshot.Job> byName = jobs.stream().filter(j -> j.name().equals(name)).toList();
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("no job named '" + name + "' on " + master + "; "
                    + (jobs.isEmpty() ? "no jobs are running"
                    : "running: " + jobs.stream().map(j -> "'" + j.name() + "'").distinct()
                    .collect(Collectors.joining(", "))));
        }
        if (byName.size() > 1 && !all) {
            throw new IllegalArgumentException(byName.size() + " jobs are named '" + name + "' (frameworks "
                    + byName.stream().map(ClusterSnapshot.Job::frameworkId).collect(Collectors.joining(", "))
                    + "): kill one by its framework id, or all of them with --all");
        }
        return byName;
    }
}
