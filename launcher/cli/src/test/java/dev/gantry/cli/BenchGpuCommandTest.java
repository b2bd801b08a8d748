package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gpu.CudaDevice;
import dev.gantry.gpu.CudaDevices;
import dev.gantry.gpu.CudaInventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchGpuCommandTest {
    private static final String NO_DRIVER = "no NVIDIA driver found (libcuda.so.1 is not installed)";

    @Test
    void withoutADriverItExitsThreeWithOneLineAndWritesNothing(@TempDir Path dir) {
        Path json = dir.resolve("gpu.json");
        CliRun run = CliRun.with(gpus(CudaInventory.withoutDriver(NO_DRIVER)), "bench", "gpu", "--json",
                json.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("gantry: " + NO_DRIVER + System.lineSeparator());
        assertThat(run.out()).isEmpty();
        assertThat(json).doesNotExist();
    }

    @Test
    void aDriverWithoutGpusAlsoExitsThree() {
        CudaInventory none = new CudaInventory(true, List.of(),
                Optional.of("no NVIDIA GPU found (cuInit: CUDA_ERROR_NO_DEVICE)"));
        CliRun run = CliRun.with(gpus(none), "bench", "gpu");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("gantry: no NVIDIA GPU found (cuInit: CUDA_ERROR_NO_DEVICE)"
                + System.lineSeparator());
    }

    @Test
    void badOptionsAreBadInputBeforeAnyGpuIsTouched(@TempDir Path dir) {
        CudaInventory one = new CudaInventory(true, List.of(new CudaDevice(0, "NVIDIA H100 80GB HBM3", 80L << 30, 9, 0,
                0, 0x41, 0, "GPU-a", 132, 1_980_000, 2_619_000, 5120)), Optional.empty());
        assertBadInput(CliRun.with(gpus(one), "bench", "gpu", "--size", "0"), "gantry: --size 0: must be at least 1");
        assertBadInput(CliRun.with(gpus(one), "bench", "gpu", "--seconds", "-1"), "gantry: --seconds -1.0:");
        assertBadInput(CliRun.with(gpus(one), "bench", "gpu", "--json", dir.toString()), "gantry: --json " + dir
                + ": is a directory");
        assertBadInput(CliRun.with(gpus(one), "bench", "gpu", "--device", "2"),
                "gantry: --device 2: CUDA sees 1 GPU(s) here, numbered 0");
        assertBadInput(CliRun.with(gpus(one), "bench", "gpu", "--size", "many"), "gantry: Invalid value for option"
                + " '--size'");
    }

    @Test
    void onThisMachineItMeasuresEveryGpuOrSaysWhyNot(@TempDir Path dir) throws Exception {
        // The real driver, whatever this machine has: exit 3 and one line on build machines, a short
        // real run on GPU machines.
        Path json = dir.resolve("gpu.json");
        CudaInventory here = CudaDevices.list();
        CliRun run = CliRun.of("bench", "gpu", "--size", "8", "--seconds", "0.2", "--json", json.toString());
        if (!here.hasDevices()) {
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err()).isEqualTo("gantry: " + here.unavailable().orElseThrow() + System.lineSeparator());
            assertThat(json).doesNotExist();
            return;
        }
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("gantry bench gpu --size 8 --seconds 0.2 --json " + json + ": "
                + here.devices().size() + " GPU(s)");
        JsonNode report = new ObjectMapper().readTree(Files.readString(json));
        assertThat(report.get("devices")).hasSize(here.devices().size());
        for (JsonNode device : report.get("devices")) {
            assertThat(device.get("measurements")).extracting(m -> m.get("id").asText())
                    .containsExactly("d2d", "h2d", "d2h", "fp32");
            assertThat(device.get("measurements")).allMatch(m -> m.get("best").asDouble() > 0);
        }
    }

    @Test
    void helpNamesTheExitCodeForNoGpu() {
        CliRun run = CliRun.of("bench", "gpu", "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--json=FILE", "--device=N", "--size=MB", "--seconds=S", "Exits 3");
    }

    @Test
    void theRecordedCommandRunsAgainInAShell() {
        assertThat(BenchGpuCommand.shellWord("--json")).isEqualTo("--json");
        assertThat(BenchGpuCommand.shellWord("/tmp/out dir/gpu.json")).isEqualTo("'/tmp/out dir/gpu.json'");
        assertThat(BenchGpuCommand.shellWord("it's")).isEqualTo("'it'\\''s'");
    }

    private static void assertBadInput(CliRun run, String errorStart) {
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith(errorStart);
        assertThat(run.err().strip()).doesNotContain("\n");
        assertThat(run.out()).isEmpty();
    }

    private static CommandLine.IFactory gpus(CudaInventory inventory) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == BenchGpuCommand.class) {
                    return type.cast(new BenchGpuCommand(() -> inventory));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
    }
}
