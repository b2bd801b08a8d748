package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gantry.testing.Listeners;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./gantry run} of an example with Spark's authentication on and its secret in a file, as a
 * person runs it, watched from outside while it runs: every process of the run (launcher, driver,
 * executors) listens on loopback only, the secret is on none of their command lines and in
 * nothing the run prints, and the executors authenticate (the job finishes).
 */
class EmbeddedRunSecurityIT {
    @TempDir
    Path temp;

    @Test
    void anAuthenticatedRunListensOnLoopbackOnlyAndShowsItsSecretNowhere() throws Exception {
        assumeTrue(Listeners.available(), "no /proc/net/tcp to read listeners from");
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Path secretFile = Files.writeString(temp.resolve("spark-secret"), secret + "\n");
        Path log = temp.resolve("gantry.log");
        ProcessBuilder builder = new ProcessBuilder(GantryRun.ROOT.resolve("gantry").toString(), "run",
                "examples/jobs/digits-tensorflow-mlp.yaml", "--set", "output.directory=" + temp.resolve("run"),
                "--set", "training.epochs=1", "--set", "spark.spark.authenticate=true",
                "--set", "spark.spark.authenticate.secret.file=" + secretFile)
                .directory(GantryRun.ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GANTRY_") || k.equals("SPARK_LOCAL_IP"));
        Process gantry = builder.start();

        Set<String> notLoopback = new TreeSet<>();
        Set<String> listening = new TreeSet<>();
        Set<String> showingTheSecret = new TreeSet<>();
        boolean authenticatedExecutor = false;
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (gantry.isAlive() && System.nanoTime() < giveUp) {
            List<ProcessHandle> run = Stream.concat(Stream.of(gantry.toHandle()), gantry.descendants()).toList();
            for (ProcessHandle process : run) {
                String cmdline = cmdline(process.pid());
                if (cmdline.contains(secret)) {
                    showingTheSecret.add(cmdline);
                }
                if (cmdline.contains("CoarseGrainedExecutorBackend") && cmdline.contains("-Dspark.authenticate=true")) {
                    authenticatedExecutor = true;
                }
            }
            for (InetSocketAddress address : Listeners.of(run.stream().map(ProcessHandle::pid).collect(Collectors.toSet()))) {
                listening.add(address.toString());
                if (!address.getAddress().isLoopbackAddress()) {
                    notLoopback.add(address.toString());
                }
            }
            Thread.sleep(200);
        }
        if (gantry.isAlive()) {
            gantry.descendants().forEach(ProcessHandle::destroyForcibly);
            gantry.destroyForcibly();
        }
        String printed = Files.readString(log);
        assertThat(gantry.waitFor(1, TimeUnit.MINUTES)).as(printed).isTrue();
        assertThat(gantry.exitValue()).as(printed).isZero();
        assertThat(printed).contains("finished:").doesNotContain(secret);
        assertThat(authenticatedExecutor).as("an executor ran with spark.authenticate=true").isTrue();
        assertThat(listening).as("listeners seen while the run ran").isNotEmpty();
        assertThat(notLoopback).as("listeners not on loopback").isEmpty();
        assertThat(showingTheSecret).as("command lines showing the secret").isEmpty();
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException ended) {
            return "";
        }
    }
}
