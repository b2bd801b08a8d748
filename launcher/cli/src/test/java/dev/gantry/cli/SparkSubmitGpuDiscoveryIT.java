package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark itself loading {@code dev.gantry.spark.GpuDiscoveryPlugin} by name and using its answer,
 * in a gantry JVM started as the script starts it (Spark's module flags, CUDA_VISIBLE_DEVICES in
 * its environment, which a test cannot set in its own JVM). On the local master the driver's
 * resources go through the same discovery as an executor's.
 */
class SparkSubmitGpuDiscoveryIT {
    @TempDir
    static Path temp;

    private static Path app;

    @BeforeAll
    static void buildApplication() throws IOException {
        app = TestApps.sumJar(temp);
    }

    @Test
    void theDriverGetsTheGpusOfCudaVisibleDevices() throws Exception {
        Path output = temp.resolve("visible.properties");
        Gantry run = sparkSubmit("3,1", output);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(TestApps.read(output)).containsEntry("gpus", "1,3").containsEntry("sum", "15");
    }

    @Test
    void tooFewGpusFailsTheApplicationWithThePluginsMessage() throws Exception {
        Path output = temp.resolve("none.properties");
        Gantry run = sparkSubmit("", output);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("gantry: application SumApp failed")
                .contains("asked for 2 GPU(s) (spark.driver.resource.gpu.amount) but found 0: CUDA_VISIBLE_DEVICES=\"\"");
        assertThat(output).doesNotExist();
    }

    private record Gantry(int exit, String err) {}

    private static Gantry sparkSubmit(String cudaVisibleDevices, Path output) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JvmOptions.sparkDriver());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GantryCli.class.getName(),
                "spark-submit", "--master", "local[1]", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.resource.gpu.amount=2",
                "--conf", "spark.resources.discoveryPlugin=dev.gantry.spark.GpuDiscoveryPlugin",
                "--class", "SumApp", app.toString(), output.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(temp.resolve("stderr-" + output.getFileName()).toFile());
        builder.environment().put("CUDA_VISIBLE_DEVICES", cudaVisibleDevices);
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
            return new Gantry(process.exitValue(),
                    Files.readString(temp.resolve("stderr-" + output.getFileName()), StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }
}
