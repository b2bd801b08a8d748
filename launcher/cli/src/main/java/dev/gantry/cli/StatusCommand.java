package dev.gantry.cli;

import dev.gantry.localcluster.ClusterRegistry;
import dev.gantry.localcluster.EmbeddedClusters;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gantry status}: the jobs on a Mesos master, read from its {@code /master/state}. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = "Lists the jobs (Mesos frameworks) on a master: name, framework id, state, running tasks,"
                + " the cpus, memory and GPUs they hold, uptime and web UI; and one line about the cluster."
                + " Without --master it uses $" + MasterLocator.ENVIRONMENT + ", else the embedded cluster running"
                + " on this machine.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MasterOptions masterOptions;

    @Option(names = "--json", description = "Print JSON for programs instead of a table.")
    boolean json;

    private final UnaryOperator<String> environment;
    private final ClusterRegistry registry;

    StatusCommand() {
        this(System::getenv, EmbeddedClusters.registry());
    }

    /** With the environment and the registry of embedded clusters given, for tests. */
    StatusCommand(UnaryOperator<String> environment, ClusterRegistry registry) {
        this.environment = environment;
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        MasterSession session = masterOptions.open(environment, registry);
        ClusterSnapshot snapshot = session.snapshot(Instant.now());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            StatusReport.json(session.url(), snapshot, out);
        } else {
            StatusReport.text(session.url(), snapshot, out);
        }
        out.flush();
        return 0;
    }
}
