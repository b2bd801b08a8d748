package dev.gantry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real ZooKeeper (Debian's {@code zookeeper} package, 3.8) on a free loopback port, for the
 * tests of Mesos high availability. When the package is missing and this JVM runs as root with
 * apt-get, installs it once per JVM (what CI and fresh machines need); otherwise the test skips
 * with one line saying why. The server is killed on {@link #close()} or when the JVM exits.
 */
public final class ZooKeeperServer implements AutoCloseable {
    private static final Path HOME = Path.of("/usr/share/zookeeper");
    private static final String CLASSPATH = "/usr/share/java/*:" + HOME + "/*";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static String unavailable;

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread cleanup;

    private ZooKeeperServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.cleanup = new Thread(process::destroyForcibly, "zookeeper-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Starts one in {@code dir} (data and log), or skips the test when ZooKeeper cannot be had. */
    public static ZooKeeperServer start(Path dir) throws IOException, InterruptedException {
        String why = ensureInstalled();
        Assumptions.assumeTrue(why == null, why);
        Files.createDirectories(dir.resolve("data"));
        int port = RealMesosCluster.freePort();
        Path config = dir.resolve("zoo.cfg");
        Files.writeString(config, String.join("\n",
                "dataDir=" + dir.resolve("data"),
                "clientPort=" + port,
                "clientPortAddress=127.0.0.1",
                // Sessions may last 2 to 20 ticks, so the masters' 10 s default (--zk_session_timeout)
                // is granted as asked: a killed leader's znode goes when it would in production.
                "tickTime=500",
                "admin.enableServer=false",
                "4lw.commands.whitelist=ruok,srvr",
                ""), StandardCharsets.UTF_8);
        Path log = dir.resolve("zookeeper.log");
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xmx256m", "-cp", CLASSPATH,
                "org.apache.zookeeper.server.quorum.QuorumPeerMain", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        ZooKeeperServer server = new ZooKeeperServer(builder.start(), port, log);
        try {
            server.awaitServing();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** {@code 127.0.0.1:PORT}, a ZooKeeper connect string. */
    public String connectString() {
        return "127.0.0.1:" + port;
    }

    /** {@code zk://127.0.0.1:PORT/path}, as Mesos' {@code --zk} takes it. */
    public String url(String path) {
        return "zk://" + connectString() + path;
    }

    private void awaitServing() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ZooKeeper exited with " + process.exitValue() + ": " + tail());
            }
            if ("imok".equals(fourLetterWord("ruok"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("ZooKeeper did not serve on " + connectString() + " within " + START_TIMEOUT
                + ": " + tail());
    }

    /** ZooKeeper's four-letter admin command, or "" while it does not answer. */
    private String fourLetterWord(String word) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip();
        } catch (IOException notYet) {
            return "";
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException exiting) {
            // The JVM is shutting down and runs the hook itself.
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Null when ZooKeeper is there (now); else why the test skips. */
    private static synchronized String ensureInstalled() throws InterruptedException {
        if (unavailable == null) {
            String failed = DebianPackages.install("zookeeper", () -> Files.isDirectory(HOME));
            unavailable = failed == null ? "" : "real ZooKeeper tests skipped: " + failed;
        }
        return unavailable.isEmpty() ? null : unavailable;
    }
}
