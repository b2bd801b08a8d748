package dev.gantry.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apache Mesos master and one agent (the bundle in {@code ../shared/mesos}, or
 * {@code $MESOS_HOME}) on free loopback ports, each with its own temporary work directory, for
 * tests where real Mesos is the judge. {@link #close()} stops both and removes the directories.
 */
public final class RealMesos implements AutoCloseable {
    /** Why a test that needs real Mesos skips, when {@link #home()} is empty. */
    public static final String MISSING = "no Mesos binaries in ../shared/mesos or $MESOS_HOME";

    private static final Duration START_WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path workDir;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private URI master;
    private String agentId;

    private RealMesos(Path workDir) {
        this.workDir = workDir;
    }

    /** The directory holding {@code mesos.sh}: {@code $MESOS_HOME}, else {@code shared/mesos} beside or in the project. */
    public static Optional<Path> home() {
        String env = System.getenv("MESOS_HOME");
        if (env != null && Files.isExecutable(Path.of(env, "mesos.sh"))) {
            return Optional.of(Path.of(env));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("shared/mesos"), dir.resolveSibling("shared/mesos")}) {
                if (candidate != null && Files.isExecutable(candidate.resolve("mesos.sh"))) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts a master and an agent offering {@code resources} (Mesos' {@code --resources} syntax), and waits for the agent. */
    public static RealMesos start(Path home, String resources) throws IOException, InterruptedException {
        RealMesos mesos = new RealMesos(Files.createTempDirectory("gantry-real-mesos"));
        try {
            int masterPort = freePort();
            int agentPort = freePort();
            mesos.master = URI.create("http://127.0.0.1:" + masterPort);
            mesos.launch(home, "master", "--ip=127.0.0.1", "--port=" + masterPort,
                    "--work_dir=" + mesos.workDir.resolve("master"), "--registry=in_memory");
            mesos.launch(home, "agent", "--master=127.0.0.1:" + masterPort, "--ip=127.0.0.1", "--port=" + agentPort,
                    "--work_dir=" + mesos.workDir.resolve("agent"), "--isolation=posix/cpu,posix/mem",
                    "--launcher=posix", "--no-systemd_enable_support", "--resources=" + resources,
                    // Executors start with only these variables, and the bundle's executor needs its libraries.
                    "--executor_environment_variables={\"LD_LIBRARY_PATH\":\"" + home.resolve("lib")
                            + "\",\"PATH\":\"/usr/local/bin:/usr/bin:/bin\"}");
            mesos.agentId = mesos.awaitAgent();
            return mesos;
        } catch (IOException | InterruptedException | RuntimeException e) {
            mesos.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:port} */
    public URI master() {
        return master;
    }

    public String agentId() {
        return agentId;
    }

    /** Posts a JSON call to the master's operator API ({@code POST /api/v1}) and returns the HTTP status. */
    public int operator(String jsonCall) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(master.resolve("/api/v1"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(jsonCall)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void launch(Path home, String role, String... flags) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("mesos.sh").toString(), role));
        command.addAll(List.of(flags));
        processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve(role + ".log").toFile()).start());
    }

    private String awaitAgent() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("a Mesos process exited with " + process.exitValue()
                            + "; see the logs in " + workDir);
                }
            }
            try {
                HttpResponse<String> state = http.send(HttpRequest.newBuilder(master.resolve("/state"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode agents = JSON.readTree(state.body()).path("slaves");
                if (state.statusCode() == 200 && agents.size() == 1) {
                    return agents.get(0).path("id").asText();
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no agent registered with the real master within " + START_WAIT
                + "; see the logs in " + workDir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        // The agent first, so that its executors see it go and end (frameworks that do not checkpoint).
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        try (Stream<Path> paths = Files.walk(workDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}
