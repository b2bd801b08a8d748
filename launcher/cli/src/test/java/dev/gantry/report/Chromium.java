package dev.gantry.report;

import static org.assertj.core.api.Assertions.fail;

import dev.gantry.testing.DebianPackages;
import dev.gantry.files.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for tests that must see a page as a browser renders it. Uses Debian's
 * {@code chromium} from PATH; when it is missing and this JVM runs as root with apt-get, installs
 * it once per JVM (what CI and fresh machines need); otherwise fails the test with how to install
 * it. Never skips: a rendering test that silently does not run proves nothing.
 */
final class Chromium {
    private static final long RUN_TIMEOUT_SECONDS = 90;
    private static final String HOW_TO_INSTALL =
            "install Debian's chromium (apt-get install -y --no-install-recommends chromium) so that it is on PATH";

    private static Path executable;
    private static String unavailable;

    private Chromium() {}

    /** Chromium's path, installing it first if need be; fails the calling test when it cannot. */
    static synchronized Path executable() {
        if (executable == null && unavailable == null) {
            try {
                executable = findOrInstall();
            } catch (IOException e) {
                unavailable = "chromium could not be installed (" + e.getMessage() + "); " + HOW_TO_INSTALL;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable = "interrupted while installing chromium; " + HOW_TO_INSTALL;
            }
        }
        if (executable == null) {
            fail(unavailable);
        }
        return executable;
    }

    /** The page's DOM after it loaded and its scripts ran, serialized by the browser. */
    static String dumpDom(Path page) {
        return run(page, List.of("--dump-dom"));
    }

    /**
     * The page's DOM as {@link #dumpDom}, and a PNG of its first {@code width} x {@code height} CSS
     * pixels, from one browser start (the slow part).
     */
    static String dumpDomAndScreenshot(Path page, Path png, int width, int height) {
        String dom = run(page, List.of("--dump-dom", "--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + width + "," + height));
        if (!Files.isRegularFile(png)) {
            fail("chromium wrote no screenshot to " + png);
        }
        return dom;
    }

    private static String run(Path page, List<String> flags) {
        Path chromium = executable();
        Path work = null;
        try {
            work = Files.createTempDirectory("chromium-test");
            List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--user-data-dir=" + work.resolve("profile"),
                    // Tests run offline and side by side: no first-run UI, no updaters or sync
                    // calling home, no shared-memory limits of small containers.
                    "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio"));
            command.addAll(flags);
            command.add(page.toAbsolutePath().toUri().toString());
            Path stdout = work.resolve("stdout");
            Path stderr = work.resolve("stderr");
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).start();
            if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kill(process);
                fail("chromium did not finish within " + RUN_TIMEOUT_SECONDS + " s: " + tail(stderr));
            }
            if (process.exitValue() != 0) {
                fail("chromium exited with " + process.exitValue() + ": " + tail(stderr));
            }
            String out = Files.readString(stdout, StandardCharsets.UTF_8);
            if (out.isBlank()) {
                fail("chromium printed nothing: " + tail(stderr));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for chromium", e);
        } finally {
            deleteQuietly(work);
        }
    }

    /** Chromium runs as a tree of processes (browser, zygote, renderer, GPU): end all of them. */
    private static void kill(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList(); // before the parent dies
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static Path findOrInstall() throws IOException, InterruptedException {
        String failed = DebianPackages.install("chromium", () -> find() != null);
        if (failed != null) {
            throw new IOException(failed);
        }
        return find();
    }

    private static Path find() {
        Path onPath = onPath("chromium");
        if (onPath != null) {
            return onPath;
        }
        Path usual = Path.of("/usr/bin/chromium");
        return Files.isExecutable(usual) ? usual : null;
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }


    /**
     * The last meaningful line of a log, for a one-line failure message. Chromium complains about
     * the missing D-Bus on every start in containers; those lines never explain a failure.
     */
    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.contains("dbus")).toList();
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Directories.deleteTree(dir);
        } catch (IOException e) {
            // A leftover temporary profile is harmless; the test's verdict matters more.
        }
    }
}
