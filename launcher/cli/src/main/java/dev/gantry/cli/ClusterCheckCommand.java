package dev.gantry.cli;

import dev.gantry.gpucheck.GpuCheck;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.mesos.Credential;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gantry cluster check}: proves that GPU tasks run, on a real master or on an embedded
 * cluster started for the purpose, and shows which GPU each task was given.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        defaultValueProvider = ClusterCheckCommand.ClusterDefaults.class,
        description = "Subscribes to a Mesos master with the GPU_RESOURCES capability, launches one task per GPU"
                + " on every agent offered, and reports the GPUs each task saw. Without --master it starts an"
                + " embedded cluster for the check.")
final class ClusterCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL", description = "Mesos master, e.g. mesos://host:5050"
            + " (default: an embedded cluster on this machine).")
    String master;

    @Mixin
    EmbeddedClusterOptions clusterOptions;

    @Option(names = "--role", defaultValue = "*", description = "Role to ask for resources in (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--principal", description = "Principal to authenticate as.")
    String principal;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "File holding the principal's secret.")
    Path secretFile;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    /** Small agents: each check task needs little but its GPU. */
    static final class ClusterDefaults extends EmbeddedClusterOptions.Defaults {
        ClusterDefaults() {
            super(2, 2, 1024, 2);
        }
    }

    @Override
    public Integer call() throws Exception {
        // Checked even beside --master, as before the options were shared: bad input is refused either way.
        EmbeddedClusterShape shape = clusterOptions.shape();
        if (secretFile != null && principal == null) {
            throw new IllegalArgumentException("--secret-file needs --principal");
        }
        PrintWriter out = spec.commandLine().getOut();
        LocalCluster embedded = null;
        String url = master;
        if (url == null) {
            embedded = LocalCluster.start(shape.onFreeLoopbackPort());
            url = embedded.mesosUrl();
            out.printf("Started an embedded cluster at %s with %d agent(s) of %d GPU(s)%s.%n", url, shape.agents(),
                    shape.gpus(), embedded.gpusSimulated() ? ", simulated" : "");
        }
        try {
            return check(url, embedded, out);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private int check(String url, LocalCluster embedded, PrintWriter out) throws Exception {
        Duration window = Duration.ofSeconds(embedded != null ? 1 : 5);
        Duration timeout = Duration.ofMillis(Math.round(timeoutSeconds * 1000));
        Optional<Credential> credential = principal != null && secretFile != null
                ? Optional.of(Credential.fromFile(principal, secretFile)) : Optional.empty();
        GpuCheck.Result result = GpuCheck.run(new GpuCheck.Settings(url, role, Optional.ofNullable(principal),
                credential, window, timeout), embedded != null ? sandboxes(embedded) : GpuCheck.TaskOutputs.fromAgents());
        result.warnings().forEach(w -> out.println("warning: " + w));
        if (result.failure().isPresent()) {
            out.println("FAILED: " + result.failure().get());
            return 1;
        }
        return report(result, out);
    }

    private static int report(GpuCheck.Result result, PrintWriter out) {
        List<GpuCheck.Outcome> outcomes = result.outcomes();
        int width = outcomes.stream().mapToInt(o -> o.taskId().length()).max().orElse(4);
        String row = "%-" + width + "s  %-4s  %-8s  %s%n";
        out.printf(row, "TASK", "GPUS", "STATE", "SAW");
        for (GpuCheck.Outcome o : outcomes) {
            out.printf(row, o.taskId(), o.gpus(), o.state().name().replace("TASK_", ""), result.saw(o));
        }
        if (result.passed()) {
            out.printf("OK: %d task(s) on %d agent(s) finished; %d had a GPU of their own.%n", outcomes.size(),
                    result.agents(), result.gpuTasks());
            return 0;
        }
        out.println("FAILED: not every task finished with a GPU of its own (see above).");
        return 1;
    }

    /** First line of each task's stdout, read from its sandbox on the embedded cluster. */
    private static GpuCheck.TaskOutputs sandboxes(LocalCluster cluster) {
        return (frameworkId, outcomes) -> {
            Map<String, String> outputs = new HashMap<>();
            for (GpuCheck.Outcome outcome : outcomes) {
                Optional<Path> sandbox = cluster.sandbox(outcome.taskId());
                if (sandbox.isPresent() && Files.exists(sandbox.get().resolve("stdout"))) {
                    outputs.put(outcome.taskId(),
                            Files.readString(sandbox.get().resolve("stdout")).strip().split("\n")[0]);
                }
            }
            return outputs;
        };
    }
}
