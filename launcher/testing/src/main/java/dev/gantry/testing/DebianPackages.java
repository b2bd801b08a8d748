package dev.gantry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Installs a Debian package that a test needs (Chromium, ZooKeeper) with apt-get, as CI and a
 * fresh machine need: the project's own files install what its tests use. Needs root and apt-get.
 */
public final class DebianPackages {
    private static final long TIMEOUT_MINUTES = 20;

    private DebianPackages() {}

    /** Whether this JVM could install packages at all. */
    public static boolean canInstall() {
        return Files.isExecutable(Path.of("/usr/bin/apt-get")) && isRoot();
    }

    /**
     * Installs {@code name} unless {@code present} already holds; returns null on success, else why
     * not (with the log's path). Repairs what an earlier install cut short left behind: a dpkg run
     * that was interrupted blocks every later install until {@code dpkg --configure -a}.
     */
    public static synchronized String install(String name, BooleanSupplier present) throws InterruptedException {
        if (present.getAsBoolean()) {
            return null;
        }
        if (!canInstall()) {
            return name + " is missing and installing it needs root and apt-get"
                    + " (apt-get install -y --no-install-recommends " + name + ")";
        }
        try {
            Path log = Files.createTempFile(name + "-install", ".log");
            System.err.println("Installing " + name + " with apt-get for the tests; log: " + log);
            run(log, "dpkg", "--configure", "-a");
            if (!hasPackageLists()) {
                run(log, "apt-get", "update");
            }
            if (!run(log, "apt-get", "install", "-y", "--no-install-recommends", name)) {
                // Lists older than the mirror's packages make downloads 404 or versions clash:
                // refresh them, repair, and try once more.
                run(log, "apt-get", "update");
                run(log, "apt-get", "--fix-broken", "install", "-y");
                run(log, "apt-get", "install", "-y", "--no-install-recommends", name);
            }
            return present.getAsBoolean() ? null : "apt-get did not install " + name + ": " + tail(log) + " (log: " + log + ")";
        } catch (IOException e) {
            return "installing " + name + " failed: " + e.getMessage();
        }
    }

    private static boolean run(Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(args));
        if (args[0].equals("apt-get")) {
            command.addAll(1, List.of("-o", "DPkg::Lock::Timeout=600"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(Map.of("DEBIAN_FRONTEND", "noninteractive"));
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IOException(String.join(" ", args) + " took over " + TIMEOUT_MINUTES + " minutes");
        }
        return process.exitValue() == 0;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static boolean hasPackageLists() throws IOException {
        Path lists = Path.of("/var/lib/apt/lists");
        if (!Files.isDirectory(lists)) {
            return false;
        }
        try (Stream<Path> files = Files.list(lists)) {
            return files.anyMatch(f -> f.getFileName().toString().contains("_Packages"));
        }
    }
}
