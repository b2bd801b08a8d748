package dev.gantry.cli;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterRegistry;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.EmbeddedClusters;
import dev.gantry.localcluster.FrameworkCredentials;
import dev.gantry.localcluster.GpuDevice;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.protocol.ResourceNames;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gantry cluster start}: runs the embedded cluster in the foreground until Ctrl-C. */
@Command(name = "start",
        mixinStandardHelpOptions = true,
        defaultValueProvider = ClusterStartCommand.ClusterDefaults.class,
        description = "Starts an embedded Mesos master with N agents on this machine and serves Mesos' v1"
                + " scheduler API until Ctrl-C, which kills its tasks. GPUs are the machine's NVIDIA GPUs when a"
                + " driver is present and enough of them exist; otherwise they are simulated.")
final class ClusterStartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EmbeddedClusterOptions clusterOptions;

    @Option(names = "--gpu-model", paramLabel = "MODEL", description = "Model name of simulated GPUs, also the"
            + " agents' gpu_model attribute (default: simulated).")
    String gpuModel;

    @Option(names = "--attributes", paramLabel = "k:v;...", description = "Agent attributes, as Mesos'"
            + " --attributes flag writes them, e.g. 'rack:a;zone:z1'.")
    String attributes;

    @Option(names = "--reserve", paramLabel = "ROLE:cpus=C,mem=MB,gpus=G",
            description = "Reserve part of each agent for a role; repeatable.")
    List<String> reservations = new ArrayList<>();

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; loopback only).")
    String host;

    @Option(names = "--port", defaultValue = "5050", description = "Port to listen on, 0 for any"
            + " (default: ${DEFAULT-VALUE}, Mesos' own).")
    int port;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where task sandboxes go (default: a"
            + " temporary directory removed on exit).")
    Path workDir;

    @Option(names = "--credentials", paramLabel = "FILE", description = "Require frameworks to authenticate"
            + " with these credentials (Mesos' --credentials format).")
    Path credentials;

    @Option(names = "--heartbeat-interval", defaultValue = "15", paramLabel = "SECONDS",
            description = "Seconds between HEARTBEAT events (default: ${DEFAULT-VALUE}).")
    double heartbeatSeconds;

    // No default, as Mesos' --offer_timeout: an offer lives until it is used or declined.
    @Option(names = "--offer-timeout", paramLabel = "SECONDS",
            description = "Seconds before an unused offer is rescinded (default: never, as in Mesos).")
    Double offerTimeoutSeconds;

    @Option(names = "--simulate-gpus", description = "Simulate GPUs even where NVIDIA GPUs are present.")
    boolean simulateGpus;

    /** Two agents with two GPUs each: enough to see placement across agents and GPUs. */
    static final class ClusterDefaults extends EmbeddedClusterOptions.Defaults {
        ClusterDefaults() {
            super(2, 4, 8192, 2);
        }
    }

    @Override
    public Integer call() throws Exception {
        // A server's log is its record of what happened; other commands keep quiet by default.
        Logging.defaultTo("INFO");
        ClusterSpec clusterSpec = clusterSpec();
        LocalCluster cluster;
        try {
            cluster = LocalCluster.start(clusterSpec);
        } catch (BindException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (is a master already running? choose another --port)");
        }
        // So that `gantry status` and `gantry kill` in another terminal find this cluster without --master.
        ClusterRegistry.Registration registration = EmbeddedClusters.register(cluster.mesosUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registration.close();
            cluster.close();
            stopped.countDown();
        }, "gantry-cluster-shutdown"));
        describe(cluster, spec.commandLine().getOut());
        stopped.await();
        return 0;
    }

    ClusterSpec clusterSpec() {
        EmbeddedClusterShape shape = clusterOptions.shape();
        if (heartbeatSeconds <= 0 || offerTimeoutSeconds != null && offerTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("--heartbeat-interval and --offer-timeout must be positive");
        }
        AgentSpec.Builder agent = shape.agent().attributes(parseAttributes(attributes));
        if (gpuModel != null) {
            agent.gpuModel(gpuModel);
        }
        for (String reservation : reservations) {
            parseReservation(reservation, agent);
        }
        ClusterSpec.Builder cluster = shape.cluster(agent.build()).host(host).port(port)
                .heartbeatInterval(Duration.ofMillis(Math.round(heartbeatSeconds * 1000)))
                .offerTimeout(offerTimeoutSeconds == null ? null : Duration.ofMillis(Math.round(offerTimeoutSeconds * 1000)))
                .workDir(workDir)
                .simulateGpus(simulateGpus);
        if (credentials != null) {
            cluster.credentials(FrameworkCredentials.read(credentials));
        }
        return cluster.build();
    }

    static Map<String, String> parseAttributes(String text) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return parsed;
        }
        for (String pair : text.split(";")) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("--attributes: expected name:value, got '" + pair + "'");
            }
            parsed.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
        }
        return parsed;
    }

    static void parseReservation(String text, AgentSpec.Builder agent) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--reserve: expected ROLE:cpus=C,mem=MB,gpus=G, got '" + text + "'");
        }
        String role = text.substring(0, colon);
        double cpus = 0;
        double mem = 0;
        int gpus = 0;
        for (String part : text.substring(colon + 1).split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--reserve: expected name=amount, got '" + part + "'");
            }
            try {
                switch (kv[0].trim()) {
                    case ResourceNames.CPUS:
                        cpus = Double.parseDouble(kv[1]);
                        break;
                    case ResourceNames.MEM:
                        mem = Double.parseDouble(kv[1]);
                        break;
                    case ResourceNames.GPUS:
                        gpus = Integer.parseInt(kv[1].trim());
                        break;
                    default:
                        throw new IllegalArgumentException("--reserve: unknown resource '" + kv[0]
                                + "' (cpus, mem or gpus)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--reserve: '" + kv[1] + "' is not a valid amount of " + kv[0]
                        + (kv[0].trim().equals(ResourceNames.GPUS) ? " (GPUs are whole numbers)" : ""));
            }
        }
        agent.reserve(role, new AgentSpec.Reservation(cpus, mem, gpus));
    }

    private static void describe(LocalCluster cluster, PrintWriter out) {
        out.println("Gantry embedded Mesos master: " + cluster.uri() + "   (for Gantry and Spark: "
                + cluster.mesosUrl() + ")");
        for (LocalCluster.AgentView agent : cluster.agents()) {
            String gpus = agent.gpus().isEmpty() ? "no GPUs"
                    : agent.gpus().size() + " GPU(s) " + agent.gpus().get(0).model()
                    + agent.gpus().stream().map(g -> String.valueOf(g.index())).collect(Collectors.joining(",", " [", "]"));
            out.printf("  agent %s  %s  %s%s%n", agent.id(), resources(agent.resources()), gpus,
                    agent.attributes().isEmpty() ? "" : "  " + agent.attributes());
        }
        if (cluster.gpusSimulated()) {
            out.println("GPUs are simulated (no NVIDIA driver, or fewer GPUs than asked for): tasks get"
                    + " CUDA_VISIBLE_DEVICES as on real GPUs, and train on CPU.");
        } else if (cluster.agents().stream().anyMatch(a -> a.gpus().stream().anyMatch(g -> !g.simulated()))) {
            out.println("GPUs are this machine's NVIDIA GPUs: "
                    + cluster.agents().stream().flatMap(a -> a.gpus().stream()).map(GpuDevice::uuid)
                    .collect(Collectors.joining(", ")));
        }
        out.println("State: curl " + cluster.uri() + "/state    Scheduler API: POST " + cluster.uri()
                + "/api/v1/scheduler");
        out.println("Jobs: gantry status    Kill one: gantry kill NAME    (no --master needed on this machine)");
        out.println("Ctrl-C stops the cluster and kills its tasks.");
        out.flush();
    }

    private static String resources(Map<String, Object> resources) {
        return resources.entrySet().stream().filter(e -> !e.getKey().equals(ResourceNames.GPUS))
                .map(e -> e.getKey() + ":" + format(e.getValue())).collect(Collectors.joining(" "));
    }

    private static String format(Object value) {
        if (value instanceof Double) {
            double d = (Double) value;
            return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        }
        return String.valueOf(value);
    }
}
