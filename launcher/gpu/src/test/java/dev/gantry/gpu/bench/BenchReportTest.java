package dev.gantry.gpu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    private static DeviceResult h100() {
        return BenchReportSamples.h100();
    }

    @Test
    void tableShowsEachRateAgainstItsPeak() {
        String table = BenchTable.format(h100());
        assertThat(table).startsWith("GPU 0: NVIDIA H100 80GB HBM3, compute 9.0, 132 SMs, 79.2 GiB, 0000:41:00.0,"
                + " GPU-8b8000ba-ee43-4986-b174-33e378b4bc27\n");
        // 512 MiB moved in 180 us: 2982.6 GB/s of a 3352.3 GB/s peak.
        assertThat(table).containsPattern("device-to-device copy\\s+2982\\.6 GB/s\\s+3352\\.3 GB/s\\s+89\\.0%\\s+2825\\.6"
                + " GB/s\\s+3\n");
        assertThat(table).containsPattern("host-to-device copy \\(pinned\\)\\s+53\\.7 GB/s\\s+63\\.0 GB/s\\s+85\\.2%");
        assertThat(table).containsPattern("device-to-host copy \\(pinned\\)\\s+53\\.7 GB/s\\s+-\\s+-");
        assertThat(table).containsPattern("FP32 FMA throughput\\s+60\\.00 TFLOP/s\\s+66\\.91 TFLOP/s\\s+89\\.7%");
        assertThat(table).contains("  peaks: 2619 MHz x 5120-bit bus x 2; PCIe 5.0 x16 (32 GT/s per lane);"
                + " 132 SMs x 128 FP32 lanes x 1980 MHz x 2\n");
    }

    @Test
    void jsonHoldsRatesInBaseUnitsWithPeaksAndTheCommandToRepeat(@TempDir Path dir) throws Exception {
        BenchReport report = BenchReportSamples.sample();
        Path file = dir.resolve("results/gpu.json");
        report.writeJson(file);
        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertThat(json.get("command").asText()).isEqualTo("gantry bench gpu --size 256");
        assertThat(json.get("cudaDriver").asText()).isEqualTo("12.8");
        JsonNode device = json.get("devices").get(0);
        assertThat(device.get("uuid").asText()).isEqualTo("GPU-8b8000ba-ee43-4986-b174-33e378b4bc27");
        assertThat(device.get("pciBusId").asText()).isEqualTo("0000:41:00.0");
        assertThat(device.get("computeCapability").asText()).isEqualTo("9.0");
        assertThat(device.get("smClockMhz").asDouble()).isEqualTo(1980.0);
        JsonNode d2d = device.get("measurements").get(0);
        assertThat(d2d.get("id").asText()).isEqualTo("d2d");
        assertThat(d2d.get("best").asDouble()).isEqualTo(2.0 * (256L << 20) / 0.000180);
        assertThat(d2d.get("peak").asDouble()).isCloseTo(3.35232e12, org.assertj.core.api.Assertions.within(1.0));
        assertThat(d2d.get("ofPeak").asDouble()).isBetween(0.88, 0.90);
        assertThat(d2d.get("samples").asInt()).isEqualTo(3);
        JsonNode d2h = device.get("measurements").get(2);
        assertThat(d2h.has("peak")).isFalse();
        assertThat(d2h.has("ofPeak")).isFalse();
    }

    @Test
    void driverVersionReadsAsCudaWritesIt() {
        assertThat(BenchReport.cudaVersion(12080)).isEqualTo("12.8");
        assertThat(BenchReport.cudaVersion(13000)).isEqualTo("13.0");
        assertThat(BenchReport.cudaVersion(0)).isEqualTo("unknown");
    }
}
