package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * benchmarks/gpu/make-bundle.sh builds the bundle a GPU machine without Java or Maven runs, from
 * this module's packaged jar; run-on-device.sh then runs it: here that ends in exit 3 and one line
 * (no driver), on a GPU machine in figures and JSON.
 */
class GpuBenchBundleIT {
    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();

    @Test
    void theBundleIsSmallAndRunsTheBenchmarkOnItsOwnRuntime(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("bundle");
        Result made = run(List.of(ROOT.resolve("benchmarks/gpu/make-bundle.sh").toString(), bundle.toString()), dir);
        assertThat(made.exit()).as(made.output()).isZero();
        assertThat(made.output()).containsPattern("bundle: .* \\(\\d+ MiB\\)");
        assertThat(Files.list(bundle.resolve("lib")).map(p -> p.getFileName().toString()).sorted().toList())
                .allMatch(name -> name.matches("(gantry-cli|gantry-gpu|picocli|jackson-(core|databind|annotations)|jcuda"
                        + "|jcuda-natives)[-.0-9A-Za-z_]*\\.jar"), "only the benchmark's jars")
                .noneMatch(name -> name.startsWith("spark"));
        assertThat(sizeMib(bundle)).isLessThan(64);

        Path results = dir.resolve("results");
        Result ran = run(List.of(bundle.resolve("run-on-device.sh").toString(), "--out", results.toString(),
                "--size", "4", "--seconds", "0.1"), dir);
        assertThat(ran.output()).contains("+ " + bundle.resolve("runtime/bin/java"));
        if (ran.exit() == BenchGpuCommand.NO_GPU) {
            assertThat(ran.output()).containsPattern("(?m)^gantry: no NVIDIA (driver|GPU) found \\(.*\\)$");
            assertThat(results).doesNotExist();
        } else {
            assertThat(ran.exit()).as(ran.output()).isZero();
            assertThat(results.resolve("gantry-gpu.json")).exists();
            assertThat(results.resolve("commands.txt")).exists();
        }
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command, Path dir) throws Exception {
        Path log = dir.resolve("log-" + System.nanoTime() + ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("SKIP_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("OUT");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in 5 minutes");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static long sizeMib(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() >> 20;
        }
    }
}
