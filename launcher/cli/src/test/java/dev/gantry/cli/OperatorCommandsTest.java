package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterRegistry;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.FrameworkCredentials;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.mesos.Credential;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantry status} and {@code gantry kill}, run in this JVM as from a shell, against the
 * embedded cluster over real HTTP with frameworks running real task processes.
 */
class OperatorCommandsTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();

    @TempDir
    Path temp;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private LocalCluster cluster(FrameworkCredentials credentials) throws Exception {
        ClusterSpec.Builder spec = ClusterSpec.builder().simulateGpus(true)
                .agents(2, AgentSpec.builder().cpus(4).memMb(4096).gpus(2).build())
                .killGracePeriod(Duration.ofMillis(500)).allocationInterval(Duration.ofMillis(100));
        if (credentials != null) {
            spec.credentials(credentials);
        }
        LocalCluster cluster = LocalCluster.start(spec.build());
        open.add(cluster);
        return cluster;
    }

    private SleepingJob job(LocalCluster cluster, String name, int tasks, int gpus, Credential credential)
            throws Exception {
        SleepingJob job = SleepingJob.start(cluster, name, tasks, 1, 256, gpus, credential);
        open.add(job);
        return job;
    }

    private ClusterRegistry registry() {
        return new ClusterRegistry(temp.resolve("clusters"));
    }

    /** The CLI with this test's environment and registry instead of the machine's. */
    private CliRun gantry(String... args) {
        return CliRun.with(OperatorCommands.with(environment::get, registry()), args);
    }

    private static void assertOneLineError(CliRun run, String... fragments) {
        assertThat(run.exit()).as("exit code; err: %s", run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("gantry: ").endsWith("\n");
        assertThat(run.err().strip()).doesNotContain("\n").contains(fragments);
    }

    @Test
    void statusListsARunningJobWithWhatItHolds() throws Exception {
        LocalCluster cluster = cluster(null);
        SleepingJob train = job(cluster, "train", 2, 1, null);

        CliRun status = gantry("status", "--master", cluster.mesosUrl());
        assertThat(status.exit()).as(status.err()).isZero();
        String[] lines = status.out().split("\n");
        assertThat(lines[0]).isEqualTo(cluster.mesosUrl() + " (Gantry embedded cluster): 2 agents, 2 of 4 GPUs free"
                + " (simulated), 1 job");
        assertThat(lines[1]).startsWith("NAME").contains("FRAMEWORK ID", "STATE", "TASKS", "CPUS", "MEM", "GPUS",
                "UPTIME", "WEB UI");
        assertThat(lines[2].split("\\s+")).startsWith("train", train.frameworkId(), "active", "2", "2", "512", "MB", "2");
        assertThat(lines[2]).endsWith("http://127.0.0.1:4040");

        CliRun json = gantry("status", "--master", cluster.mesosUrl(), "--json");
        assertThat(json.exit()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.path("master").asText()).isEqualTo(cluster.mesosUrl());
        assertThat(root.path("embedded").asBoolean()).isTrue();
        assertThat(root.path("cluster").path("agents").asInt()).isEqualTo(2);
        assertThat(root.path("cluster").path("gpus_free").asDouble()).isEqualTo(2.0);
        assertThat(root.path("cluster").path("gpus_simulated").asBoolean()).isTrue();
        JsonNode job = root.path("jobs").get(0);
        assertThat(job.path("name").asText()).isEqualTo("train");
        assertThat(job.path("framework_id").asText()).isEqualTo(train.frameworkId());
        assertThat(job.path("state").asText()).isEqualTo("active");
        assertThat(job.path("tasks_running").asInt()).isEqualTo(2);
        assertThat(job.path("cpus").asDouble()).isEqualTo(2.0);
        assertThat(job.path("mem_mb").asDouble()).isEqualTo(512.0);
        assertThat(job.path("gpus").asDouble()).isEqualTo(2.0);
        assertThat(Instant.parse(job.path("registered_time").asText())).isBefore(Instant.now());
    }

    @Test
    void killTearsTheJobDownAndItsDriverIsToldItWasRemoved() throws Exception {
        LocalCluster cluster = cluster(null);
        SleepingJob doomed = job(cluster, "doomed", 2, 1, null);
        SleepingJob keeper = job(cluster, "keeper", 1, 0, null);

        CliRun kill = gantry("kill", "doomed", "--master", cluster.mesosUrl());
        assertThat(kill.exit()).as(kill.err()).isZero();
        assertThat(kill.out().strip()).isEqualTo("Killed job 'doomed' (framework " + doomed.frameworkId() + ") on "
                + cluster.mesosUrl() + ": the master is killing its tasks.");

        // Mesos closes the stream; the client resubscribes, is told the framework is gone, and stops.
        String stop = doomed.stops.poll(10, TimeUnit.SECONDS);
        assertThat(stop).as("the scheduler client stopped").contains("Framework has been removed");
        assertThat(doomed.errors).containsExactly("Framework has been removed");
        awaitNoRunningTasks(cluster, doomed.frameworkId());
        assertThat(keeper.running()).isEqualTo(1);

        CliRun status = gantry("status", "--master", cluster.mesosUrl());
        assertThat(status.out()).contains("keeper").doesNotContain("doomed");
        assertThat(status.out().split("\n")[0]).endsWith("1 job");

        // A framework id names one job exactly.
        CliRun byId = gantry("kill", keeper.frameworkId(), "--master", cluster.mesosUrl());
        assertThat(byId.exit()).isZero();
        assertThat(byId.out()).contains("Killed job 'keeper'");
        assertThat(gantry("status", "--master", cluster.mesosUrl()).out()).contains("No jobs running.");
    }

    @Test
    void killOfAnUnknownNameSaysWhatRuns() throws Exception {
        LocalCluster cluster = cluster(null);
        job(cluster, "keeper", 1, 0, null);
        CliRun kill = gantry("kill", "nope", "--master", cluster.mesosUrl());
        assertOneLineError(kill, "no job named 'nope' on " + cluster.mesosUrl(), "running: 'keeper'");
        assertThat(kill.out()).isEmpty();
        assertOneLineError(gantry("kill", "nope", "--master", cluster.mesosUrl() + "/"), "no job named 'nope'");
    }

    @Test
    void aSharedNameIsKilledOnlyWithAll() throws Exception {
        LocalCluster cluster = cluster(null);
        SleepingJob first = job(cluster, "twin", 1, 0, null);
        SleepingJob second = job(cluster, "twin", 1, 0, null);
        CliRun refused = gantry("kill", "twin", "--master", cluster.mesosUrl());
        assertOneLineError(refused, "2 jobs are named 'twin'", first.frameworkId(), second.frameworkId(), "--all");
        assertThat(first.running()).isEqualTo(1);

        CliRun all = gantry("kill", "twin", "--all", "--master", cluster.mesosUrl());
        assertThat(all.exit()).isZero();
        assertThat(all.out()).contains(first.frameworkId(), second.frameworkId(), "Killed 2 of 2 jobs named 'twin'.");
        assertThat(cluster.state().json().path("frameworks")).isEmpty();
    }

    @Test
    void anUnreachableMasterIsOneLineNamingIt() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String master = "mesos://127.0.0.1:" + port;
        assertOneLineError(gantry("status", "--master", master), "cannot reach the Mesos master at " + master);
        assertOneLineError(gantry("kill", "x", "--master", master), "cannot reach the Mesos master at " + master);
        assertOneLineError(gantry("status", "--master", "zk://127.0.0.1:" + port + "/mesos"),
                "cannot reach ZooKeeper at zk://127.0.0.1:" + port + "/mesos");
    }

    @Test
    void withoutMasterTheOneEmbeddedClusterOfThisMachineIsUsed() throws Exception {
        assertOneLineError(gantry("status"), "no master given and no embedded cluster running on this machine"
                + " (use --master mesos://host:port)");
        assertThat(gantry("status").err().strip()).isEqualTo("gantry: no master given and no embedded cluster"
                + " running on this machine (use --master mesos://host:port)");

        LocalCluster cluster = cluster(null);
        job(cluster, "found", 1, 0, null);
        // A cluster whose process died without closing its registration is ignored.
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Files.createDirectories(registry().directory());
        Files.writeString(registry().directory().resolve(exited.pid() + "-5050.json"),
                "{\"url\":\"mesos://127.0.0.1:1\",\"pid\":" + exited.pid() + ",\"started\":\"" + Instant.now() + "\"}");
        ClusterRegistry.Registration registration = registry().register(cluster.mesosUrl());
        open.add(registration);

        CliRun status = gantry("status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).startsWith(cluster.mesosUrl() + " (Gantry embedded cluster)").contains("found");
        assertThat(registry().live()).hasSize(1);

        CliRun kill = gantry("kill", "found");
        assertThat(kill.exit()).as(kill.err()).isZero();

        LocalCluster other = cluster(null);
        open.add(registry().register(other.mesosUrl()));
        assertOneLineError(gantry("status"), "2 embedded clusters are running on this machine: " + cluster.mesosUrl(),
                other.mesosUrl(), "choose one with --master");
        // $GANTRY_MASTER chooses, and --master wins over it.
        environment.put("GANTRY_MASTER", other.mesosUrl());
        assertThat(gantry("status").out()).startsWith(other.mesosUrl());
        assertThat(gantry("status", "--master", cluster.mesosUrl()).out()).startsWith(cluster.mesosUrl());
    }

    @Test
    void aMasterWithCredentialsIsAskedWithThem() throws Exception {
        LocalCluster cluster = cluster(FrameworkCredentials.of(Map.of("ops", "s3cret-value")));
        SleepingJob job = job(cluster, "guarded", 1, 0, Credential.of("ops", "s3cret-value"));
        String master = cluster.mesosUrl();
        Path secret = temp.resolve("secret");
        Files.writeString(secret, "s3cret-value\n");
        Path wrong = temp.resolve("wrong");
        Files.writeString(wrong, "guess");

        assertOneLineError(gantry("status", "--master", master), "the Mesos master at " + master
                + " requires authentication (HTTP 401)", "--principal", "--secret-file");
        CliRun refused = gantry("status", "--master", master, "--principal", "ops", "--secret-file", wrong.toString());
        assertOneLineError(refused, "refused the credentials of principal 'ops' (HTTP 401)");
        assertOneLineError(gantry("status", "--master", master, "--principal", "ops"), "--principal ops needs a secret");
        assertOneLineError(gantry("status", "--master", master, "--secret-file", secret.toString()),
                "--secret-file needs --principal");

        CliRun withFile = gantry("status", "--master", master, "--principal", "ops", "--secret-file", secret.toString());
        assertThat(withFile.exit()).as(withFile.err()).isZero();
        assertThat(withFile.out()).contains("guarded").doesNotContain("s3cret");

        // As the Spark driver reads them: SPARK_MESOS_PRINCIPAL and SPARK_MESOS_SECRET.
        environment.put("SPARK_MESOS_PRINCIPAL", "ops");
        environment.put("SPARK_MESOS_SECRET", "s3cret-value");
        CliRun kill = gantry("kill", "guarded", "--master", master);
        assertThat(kill.exit()).as(kill.err()).isZero();
        assertThat(job.stops.poll(10, TimeUnit.SECONDS)).contains("Framework has been removed");
        for (CliRun run : List.of(refused, withFile, kill)) {
            assertThat(run.out() + run.err()).doesNotContain("s3cret").doesNotContain("guess");
        }
    }

    private static void awaitNoRunningTasks(LocalCluster cluster, String frameworkId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            JsonNode removed = null;
            for (JsonNode framework : cluster.state().json().path("completed_frameworks")) {
                if (framework.path("id").asText().equals(frameworkId)) {
                    removed = framework;
                }
            }
            if (removed != null && removed.path("tasks").isEmpty()) {
                assertThat(removed.path("completed_tasks")).allSatisfy(task ->
                        assertThat(task.path("state").asText()).isEqualTo(TaskState.TASK_KILLED.name()));
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("framework " + frameworkId + " still has tasks: " + cluster.state().json());
            }
            Thread.sleep(50);
        }
    }
}
