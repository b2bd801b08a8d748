package dev.gantry.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.localcluster.AgentSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A real Mesos agent's command line for an embedded cluster's {@link AgentSpec}: its
 * {@code --resources} and {@code --attributes} say what the embedded agent of the same spec has,
 * so one cluster shape runs on both masters.
 */
final class AgentFlags {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentFlags() {}

    /**
     * The flags of an agent that finds its master at {@code master} ({@code host:port}, or a
     * {@code zk://} URL), listens on loopback {@code port} and keeps its state in {@code workDir}.
     */
    static List<String> of(AgentSpec spec, String master, int port, Path workDir, MesosBundle bundle) {
        List<String> flags = new ArrayList<>(List.of("--master=" + master, "--ip=127.0.0.1",
                "--port=" + port, "--work_dir=" + workDir,
                "--isolation=posix/cpu,posix/mem", "--launcher=posix", "--no-systemd_enable_support",
                // Tests run as whoever runs the build; the agent must not try to become the framework's user.
                "--no-switch_user",
                "--resources=" + resources(spec),
                // The agent does not pass its own environment on: without the bundle's libraries the
                // command executor fails to load (libaprutil) and every task ends "Executor terminated".
                "--executor_environment_variables=" + executorEnvironment(bundle)));
        String attributes = attributes(spec);
        if (!attributes.isEmpty()) {
            flags.add("--attributes=" + attributes);
        }
        return flags;
    }

    /** An agent's {@code --resources}: reservations carved out of the totals, as {@link AgentSpec} declares them. */
    static String resources(AgentSpec spec) {
        double cpus = spec.cpus();
        double mem = spec.memMb();
        int gpus = spec.gpus();
        StringJoiner out = new StringJoiner(";");
        for (Map.Entry<String, AgentSpec.Reservation> e : spec.reservations().entrySet()) {
            AgentSpec.Reservation r = e.getValue();
            String role = e.getKey();
            add(out, "cpus", role, r.cpus());
            add(out, "mem", role, r.memMb());
            add(out, "gpus", role, r.gpus());
            cpus -= r.cpus();
            mem -= r.memMb();
            gpus -= r.gpus();
        }
        add(out, "cpus", null, cpus);
        add(out, "mem", null, mem);
        add(out, "gpus", null, gpus);
        out.add("disk:1000");
        return out.toString();
    }

    private static void add(StringJoiner out, String name, String role, double amount) {
        if (amount > 0) {
            out.add(name + (role == null ? "" : "(" + role + ")") + ":" + number(amount));
        }
    }

    private static String number(double amount) {
        return amount == Math.rint(amount) ? String.valueOf((long) amount) : String.format(Locale.ROOT, "%.3f", amount);
    }

    /** The attributes an embedded agent has, so that constraints select the same agents on both masters. */
    static String attributes(AgentSpec spec) {
        StringJoiner out = new StringJoiner(";");
        if (spec.gpus() > 0) {
            out.add("gpu_model:" + spec.gpuModel());
        }
        spec.attributes().forEach((name, value) -> out.add(name + ":" + value));
        return out.toString();
    }

    private static String executorEnvironment(MesosBundle bundle) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LD_LIBRARY_PATH", bundle.libraries().toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
        try {
            return JSON.writeValueAsString(env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
