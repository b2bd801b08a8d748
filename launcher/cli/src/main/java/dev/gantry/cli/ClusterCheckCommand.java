package dev.gantry.cli;

import dev.gantry.localcluster.LocalCluster;
import dev.gantry.mesos.AgentFiles;
import dev.gantry.mesos.Credential;
import dev.gantry.mesos.FrameworkInfos;
import dev.gantry.mesos.SchedulerClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.mesos.v1.Protos.TaskState;
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
        GpuCheck check = new GpuCheck(window);
        FrameworkInfos info = FrameworkInfos.builder("gantry-check").roles(role);
        SchedulerClient.Builder builder = SchedulerClient.builder().master(url).listener(check);
        if (principal != null) {
            info.principal(principal);
            if (secretFile != null) {
                builder.credential(Credential.fromFile(principal, secretFile));
            }
        }
        try (SchedulerClient client = builder.frameworkInfo(info.build()).build()) {
            check.attach(client);
            client.start();
            Duration timeout = Duration.ofMillis(Math.round(timeoutSeconds * 1000));
            org.apache.mesos.v1.Protos.FrameworkID frameworkId;
            try {
                frameworkId = client.awaitSubscribed(timeout);
            } catch (java.util.concurrent.TimeoutException | IllegalStateException e) {
                out.println("FAILED: cannot subscribe to " + url + ": " + e.getMessage());
                return 1;
            }
            boolean ended = check.await(timeout);
            // Read before TEARDOWN: the client reports its own teardown as a stop, and a real agent
            // stops serving a torn-down framework's sandboxes.
            String failure = check.failure();
            Map<String, String> outputs = embedded != null ? outputs(embedded, check.outcomes())
                    : outputs(frameworkId.getValue(), check.outcomes());
            try {
                client.teardown().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                out.println("warning: TEARDOWN was not confirmed: " + e.getMessage());
            }
            if (failure != null) {
                out.println("FAILED: " + failure);
                return 1;
            }
            if (!ended) {
                out.printf("FAILED: no offers or unfinished tasks after %.0f s (%d launched)%n", timeoutSeconds,
                        check.launched());
                return 1;
            }
            return report(check.outcomes(), outputs, out);
        }
    }

    private static int report(List<GpuCheck.Outcome> outcomes, Map<String, String> outputs, PrintWriter out) {
        int width = outcomes.stream().mapToInt(o -> o.taskId().length()).max().orElse(4);
        String row = "%-" + width + "s  %-4s  %-8s  %s%n";
        out.printf(row, "TASK", "GPUS", "STATE", "SAW");
        boolean ok = !outcomes.isEmpty();
        Map<String, Set<String>> devicesPerAgent = new HashMap<>();
        for (GpuCheck.Outcome o : outcomes) {
            String saw = outputs.getOrDefault(o.taskId(), o.message());
            out.printf(row, o.taskId(), o.gpus(), o.state().name().replace("TASK_", ""), saw);
            ok &= o.state() == TaskState.TASK_FINISHED;
            if (o.gpus() > 0 && outputs.containsKey(o.taskId())) {
                ok &= devicesPerAgent.computeIfAbsent(o.agentId(), a -> new HashSet<>()).add(saw);
            }
        }
        long agents = outcomes.stream().map(GpuCheck.Outcome::agentId).distinct().count();
        long gpuTasks = outcomes.stream().filter(o -> o.gpus() > 0).count();
        if (ok) {
            out.printf("OK: %d task(s) on %d agent(s) finished; %d had a GPU of their own.%n", outcomes.size(), agents,
                    gpuTasks);
            return 0;
        }
        out.println("FAILED: not every task finished with a GPU of its own (see above).");
        return 1;
    }

    /**
     * First line of each task's stdout, read from its agent's sandbox over HTTP: what each task
     * saw of the GPUs on a real cluster, where duplicates mean the isolator did not keep them apart.
     */
    private static Map<String, String> outputs(String frameworkId, List<GpuCheck.Outcome> outcomes) throws Exception {
        AgentFiles files = new AgentFiles(java.net.http.HttpClient.newHttpClient());
        Map<String, String> outputs = new HashMap<>();
        for (GpuCheck.Outcome outcome : outcomes) {
            if (outcome.agentUrl() == null) {
                continue;
            }
            List<String> lines = files.tail(outcome.agentUrl(), AgentFiles.sandboxPath(frameworkId, outcome.taskId(),
                    "stdout")).get();
            // The Mesos command executor writes its own lines to stdout too. Mesos sets no
            // CUDA_VISIBLE_DEVICES, so on an isolated agent the devices nvidia-smi lists (by UUID)
            // are what tells two tasks' GPUs apart.
            String saw = String.join(" ", lines.stream()
                    .filter(l -> l.startsWith("CUDA_VISIBLE_DEVICES=") || l.startsWith("GPU ")).toList());
            if (!saw.isEmpty()) {
                outputs.put(outcome.taskId(), saw);
            }
        }
        return outputs;
    }

    /** First line of each task's stdout, read from its sandbox on the embedded cluster. */
    private static Map<String, String> outputs(LocalCluster cluster, List<GpuCheck.Outcome> outcomes)
            throws IOException {
        Map<String, String> outputs = new HashMap<>();
        for (GpuCheck.Outcome outcome : outcomes) {
            Optional<Path> sandbox = cluster.sandbox(outcome.taskId());
            if (sandbox.isPresent() && Files.exists(sandbox.get().resolve("stdout"))) {
                outputs.put(outcome.taskId(), Files.readString(sandbox.get().resolve("stdout")).strip().split("\n")[0]);
            }
        }
        return outputs;
    }
}
