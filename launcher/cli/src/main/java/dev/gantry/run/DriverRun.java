package dev.gantry.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a job's driver in a JVM whose classpath holds its framework's backend. TF Java and DL4J
 * need different javacpp versions, so no one classpath holds both, and executors take the
 * driver's classpath; the launcher therefore starts with neither and, once the spec says which,
 * runs {@code gantry run} again with the launcher plus that backend, as Maven resolved them
 * together in {@code dist/<framework>} ({@code target/classpath}).
 */
public final class DriverRun {
    /** Set in the driver JVM, so that a classpath still missing the backend fails instead of looping. */
    static final String MARKER = "GANTRY_DRIVER_JVM";
    /** The driver's {@link RunDirectory}, made and held by the launcher. */
    static final String RUN_DIRECTORY = "GANTRY_RUN_DIRECTORY";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration STDERR_DRAIN = Duration.ofSeconds(2);

    private DriverRun() {}

    static boolean inDriver() {
        return System.getenv(MARKER) != null;
    }

    /**
     * In a driver JVM, ties this JVM to the launcher that started it: it holds their run directory
     * and ends when the launcher is gone. Elsewhere does nothing. Call first thing in {@code main}.
     */
    public static void joinLauncher() throws IOException {
        if (!inDriver()) {
            return;
        }
        String dir = System.getenv(RUN_DIRECTORY);
        if (dir != null) {
            RunDirectory.join(Path.of(dir));
        }
        LauncherWatch.start(System.in);
    }

    /** The classpath file for {@code framework}, or a one-line error saying how to build it. */
    static Path classpathFile(String framework) {
        Path file = home().resolve("dist").resolve(framework).resolve("target").resolve("classpath");
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("the " + framework + " backend is not built (" + file + " is missing);"
                    + " build it with: ./mvnw -q -DskipTests -pl dist/" + framework + " -am package");
        }
        return file;
    }

    /** Runs {@code gantry <args>} in a driver JVM with {@code framework}'s classpath; returns its exit code. */
    public static int relaunch(String framework, List<String> args) throws IOException, InterruptedException {
        if (inDriver()) {
            throw new IllegalStateException("the " + framework + " backend is not on the driver's classpath ("
                    + classpathFile(framework) + ")");
        }
        String classpath = Files.readString(classpathFile(framework)).strip();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        // Runs whose launcher and driver were both killed left their directories; nobody else will remove them.
        RunDirectory.sweep(tmp);
        RunDirectory scratch = RunDirectory.create(tmp);
        try {
            return run(classpath, args, scratch);
        } finally {
            scratch.close();
        }
    }

    /** A process killed by SIGKILL ends with 128 + 9. */
    private static final int KILLED = 137;

    private static int run(String classpath, List<String> args, RunDirectory scratch)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The flags this JVM was started with: Spark's module options, GANTRY_JAVA_OPTS, gantry.root.
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        // After them, so that it wins over a java.io.tmpdir of GANTRY_JAVA_OPTS: Spark, the embedded
        // cluster and the libraries write their temporaries there, and the run directory goes whole.
        command.add("-Djava.io.tmpdir=" + scratch.path());
        command.add("-cp");
        command.add(classpath);
        command.add("dev.gantry.cli.GantryCli");
        command.addAll(args);
        // stdin is LauncherWatch's pipe: the driver ends when it closes, even after a kill -9 of this JVM.
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO()
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().put(MARKER, "1");
        builder.environment().put(RUN_DIRECTORY, scratch.path().toString());
        // TensorFlow's native log lines (CPU features, oneDNN, MLIR) would land between the progress
        // and the summary; the driver only exports the model, and errors still show.
        builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
        // The driver only builds and saves models; ND4J sizes its op threads from this at start, and
        // warns when a replica asks for fewer. Executors get the job's own value (JobSparkConf).
        builder.environment().putIfAbsent("OMP_NUM_THREADS", "1");
        Process driver = builder.start();
        Thread stderr = new Thread(new NativeLogFilter(driver.getErrorStream(), System.err), "gantry-driver-stderr");
        stderr.setDaemon(true);
        stderr.start();
        Thread stopDriver = new Thread(() -> {
            stop(driver);
            scratch.close();
        }, "gantry-driver-stop");
        Runtime.getRuntime().addShutdownHook(stopDriver);
        try {
            int exit = driver.waitFor();
            // Processes the driver started may hold its stderr open a moment longer; never wait on them.
            stderr.join(STDERR_DRAIN.toMillis());
            if (exit == KILLED && !JvmShutdown.underway()) {
                // The driver could say nothing itself; its checkpoints are whole (written, then renamed).
                System.err.println("gantry: the driver JVM was killed (SIGKILL); its newest checkpoint is kept:"
                        + " run the same command again to resume");
            }
            return exit;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopDriver);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs already: it stops the driver.
            }
            driver.getOutputStream().close();
        }
    }

    /** On Ctrl-C or kill, the driver gets the same chance to stop its executors and cluster. */
    private static void stop(Process driver) {
        if (!driver.isAlive()) {
            return;
        }
        driver.destroy();
        try {
            if (!driver.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The checkout the launcher runs from: {@code gantry.root} as the script sets it, else three
     * levels above the CLI module's jar or classes ({@code launcher/cli/target/...}).
     */
    public static Path home() {
        String set = System.getProperty("gantry.root");
        if (set != null) {
            return Path.of(set);
        }
        try {
            Path code = Path.of(DriverRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().getParent().getParent().getParent();
        } catch (URISyntaxException | NullPointerException e) {
            return Path.of(".").toAbsolutePath();
        }
    }
}
