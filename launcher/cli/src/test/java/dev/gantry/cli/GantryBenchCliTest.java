package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU benchmark bundle runs {@code gantry bench gpu} on a jlink-ed java.base + java.logging
 * runtime with only the launcher, picocli, Jackson and JCuda: this runs it the same way, in a JVM
 * limited to those modules and jars, so a change that pulls Spark or another module into the
 * benchmark's path fails here rather than on a GPU machine.
 */
class GantryBenchCliTest {
    /** The jars make-bundle.sh copies, besides the CLI's and the GPU module's own classes. */
    private static final Pattern BUNDLED = Pattern.compile(
            ".*/(picocli|jackson-core|jackson-databind|jackson-annotations|jcuda|jcuda-natives)-[0-9][^/]*\\.jar");
    /**
     * The CLI's and the GPU module's classes (with their tests, for the sample report): folders
     * under {@code mvn test}, the modules' jars under {@code mvn verify}.
     */
    private static final Pattern GANTRY = Pattern.compile(
            ".*/launcher/(cli|gpu)/target/(classes|test-classes|gantry-(cli|gpu)[^/]*\\.jar)");
    private static final String MODULES = "java.base,java.logging";

    @Test
    void helpRunsOnTheBundlesClasspathAndModules() throws Exception {
        Result help = run("dev.gantry.cli.GantryBenchCli", "bench", "gpu", "--help");
        assertThat(help.exit()).as(help.err()).isZero();
        assertThat(help.out()).contains("Usage: gantry bench gpu");
    }

    @Test
    void theBenchmarkRunsOrSaysInOneLineWhyNot(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("gpu.json");
        Result bench = run("dev.gantry.cli.GantryBenchCli", "bench", "gpu", "--size", "4", "--seconds", "0.1",
                "--json", json.toString());
        if (bench.exit() == BenchGpuCommand.NO_GPU) {
            assertThat(bench.err()).matches("gantry: no NVIDIA (driver|GPU) found \\([^\\n]*\\)\\R");
            assertThat(json).doesNotExist();
        } else {
            assertThat(bench.exit()).as(bench.err()).isZero();
            assertThat(Files.readString(json)).contains("\"fp32\"");
        }
    }

    @Test
    void theReportSerialisesWithoutJavaSqlOrJavaDesktop(@TempDir Path dir) throws Exception {
        // Jackson looks for java.beans and java.sql types optionally; the report must not need them.
        Path json = dir.resolve("report.json");
        Result write = run(WriteSampleReport.class.getName(), json.toString());
        assertThat(write.exit()).as(write.err()).isZero();
        assertThat(Files.readString(json)).contains("\"ofPeak\"", "\"pciBusId\" : \"0000:41:00.0\"");
    }

    /** Writes a sample report as {@code gantry bench gpu --json} would; run in the limited JVM. */
    public static final class WriteSampleReport {
        public static void main(String[] args) throws Exception {
            dev.gantry.gpu.bench.BenchReportSamples.sample().writeJson(Path.of(args[0]));
        }
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String mainClass, String... args) throws Exception {
        List<String> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = entry.replace(File.separatorChar, '/');
            if (BUNDLED.matcher(path).matches() || GANTRY.matcher(path).matches()) {
                classpath.add(entry);
            }
        }
        assertThat(classpath.stream().filter(e -> BUNDLED.matcher(e.replace(File.separatorChar, '/')).matches()).count())
                .as("bundled jars found").isEqualTo(6);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--limit-modules", MODULES, "-cp", String.join(File.pathSeparator, classpath), mainClass));
        command.addAll(Arrays.asList(args));
        Path out = Files.createTempFile("gantry-bench-out", ".txt");
        Path err = Files.createTempFile("gantry-bench-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("gantry bench did not finish in 60 s: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

}
