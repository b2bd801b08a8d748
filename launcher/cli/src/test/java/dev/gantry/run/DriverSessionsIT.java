package dev.gantry.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.testing.Listeners;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's driver session on the embedded cluster, as {@code gantry run} starts it, with real
 * executor JVMs: what it listens on, and Spark's authentication with a secret from a file.
 */
class DriverSessionsIT {
    @TempDir
    Path temp;

    private static Map<String, String> settings(String app, String... more) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("spark.app.name", app,
                "spark.executor.instances", "1", "spark.executor.cores", "1", "spark.executor.memory", "512m"));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    private LocalCluster cluster() throws Exception {
        return LocalCluster.start(ClusterSpec.builder().workDir(temp.resolve("cluster"))
                .agent(AgentSpec.builder().cpus(2).memMb(4096).build()).build());
    }

    /** This JVM and the processes it started (the executors). */
    private static Set<Long> thisRun() {
        return Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static List<ProcessHandle> executors() {
        return ProcessHandle.current().descendants()
                .filter(p -> cmdline(p.pid()).contains("CoarseGrainedExecutorBackend")).toList();
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (java.io.IOException ended) {
            return "";
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : nic.inetAddresses().toList()) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Spark binds its web UI to every interface unless told through the environment; on an
     * embedded cluster it, like the driver's RPC and block manager and the executors' listeners,
     * is on loopback only.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyListenerOfAnEmbeddedRunIsOnLoopback() throws Exception {
        assumeTrue(Listeners.available(), "no /proc/net/tcp to read listeners from");
        try (LocalCluster cluster = cluster()) {
            SparkSession spark = DriverSessions.start(settings("loopback"), cluster.mesosUrl(), true, Map.<String, String>of()::get);
            try {
                JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                assertThat(jsc.parallelize(List.of(1, 2, 3), 1).count()).isEqualTo(3);
                int uiPort = URI.create(spark.sparkContext().uiWebUrl().get()).getPort();
                assertThat(executors()).isNotEmpty();

                List<InetSocketAddress> listening = Listeners.of(thisRun());
                assertThat(listening).extracting(InetSocketAddress::getPort).contains(uiPort);
                assertThat(listening).allSatisfy(address ->
                        assertThat(address.getAddress().isLoopbackAddress()).as("%s is loopback", address).isTrue());

                try (Socket ui = new Socket("127.0.0.1", uiPort)) {
                    assertThat(ui.isConnected()).isTrue();
                }
                Optional<InetAddress> outside = nonLoopbackAddress();
                assumeTrue(outside.isPresent(), "this machine has no non-loopback address to try the UI on");
                assertThatThrownBy(() -> new Socket(outside.get(), uiPort).close()).isInstanceOf(ConnectException.class);
            } finally {
                spark.stop();
            }
        }
    }

    /**
     * With {@code spark.authenticate=true} and the secret in a file, executors authenticate to
     * the driver (or the job would never get one), and the secret reaches them through their
     * environment: it is on no command line, and in none of their sandbox's logs.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void authenticationTakesTheSecretFromAFileAndKeepsItOffCommandLines() throws Exception {
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Path file = Files.writeString(temp.resolve("spark-secret"), secret + "\n");
        try (LocalCluster cluster = cluster()) {
            SparkSession spark = DriverSessions.start(settings("authenticated", "spark.authenticate", "true",
                    "spark.authenticate.secret.file", file.toString()), cluster.mesosUrl(), true, Map.<String, String>of()::get);
            try {
                JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                assertThat(jsc.parallelize(List.of(1, 2, 3), 1).count()).isEqualTo(3);
                List<ProcessHandle> executors = executors();
                assertThat(executors).isNotEmpty();
                for (ProcessHandle executor : executors) {
                    assertThat(cmdline(executor.pid())).contains("-Dspark.authenticate=true").doesNotContain(secret);
                }
                for (ProcessHandle process : ProcessHandle.current().descendants().toList()) {
                    assertThat(cmdline(process.pid())).doesNotContain(secret);
                }
                assertThat(cmdline(ProcessHandle.current().pid())).doesNotContain(secret);
            } finally {
                spark.stop();
            }
        }
        try (Stream<Path> files = Files.walk(temp.resolve("cluster"))) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1)).as("%s", log)
                        .doesNotContain(secret);
            }
        }
    }
}
