package dev.gantry.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run directories between real processes killed with SIGKILL: a sweep leaves a directory alone
 * while its launcher or its driver lives, and removes it once both are dead.
 */
class RunDirectoryIT {
    @TempDir
    Path base;
    private final List<Process> holders = new ArrayList<>();

    @AfterEach
    void killHolders() {
        holders.forEach(Process::destroyForcibly);
    }

    @Test
    void aSweepKeepsADirectoryWhileItsLauncherOrDriverLivesAndRemovesItOnceBothAreKilled() throws Exception {
        Process launcher = hold("create", base);
        Path dir = Path.of(firstLine(launcher));
        Files.createDirectories(dir.resolve("spark-1234").resolve("userFiles"));
        Process driver = hold("join", dir);
        assertThat(firstLine(driver)).isEqualTo(dir.toString());

        assertThat(RunDirectory.sweep(base)).isZero();
        assertThat(dir).isDirectory();

        launcher.destroyForcibly();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(RunDirectory.sweep(base)).as("the driver still holds it").isZero();
        assertThat(dir.resolve("spark-1234")).isDirectory();

        driver.destroyForcibly();
        assertThat(driver.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(RunDirectory.sweep(base)).isEqualTo(1);
        assertThat(dir).doesNotExist();
    }

    @Test
    void closingRemovesTheDirectoryAndADirectoryOfThisProcessIsNeverSwept() throws Exception {
        try (RunDirectory ours = RunDirectory.create(base)) {
            Files.writeString(ours.path().resolve("blockmgr"), "x");
            assertThat(RunDirectory.sweep(base)).isZero();
            assertThat(ours.path().resolve("blockmgr")).exists();
            ours.close();
            assertThat(ours.path()).doesNotExist();
        }
    }

    private Process hold(String how, Path path) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RunDirectoryHolder.class.getName(), how, path.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        holders.add(process);
        return process;
    }

    private static String firstLine(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the holder's first line").isNotNull();
        return line;
    }
}
