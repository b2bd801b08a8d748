package dev.gantry.gpu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gantry.gpu.CudaDevice;
import org.junit.jupiter.api.Test;

class PeakRatesTest {
    private static final CudaDevice H100_SXM = BenchReportSamples.H100_SXM;

    @Test
    void h100PeaksAreNvidiasPublishedFigures() {
        // NVIDIA quotes 3.35 TB/s of HBM3 bandwidth and 67 TFLOP/s FP32 for the H100 SXM5.
        assertThat(PeakRates.memory(H100_SXM).perSecond()).isCloseTo(3.352e12, within(0.001e12));
        assertThat(PeakRates.fp32(H100_SXM).perSecond()).isCloseTo(66.9e12, within(0.1e12));
        assertThat(PeakRates.memory(H100_SXM).basis()).isEqualTo("2619 MHz x 5120-bit bus x 2");
        assertThat(PeakRates.fp32(H100_SXM).basis()).isEqualTo("132 SMs x 128 FP32 lanes x 1980 MHz x 2");
    }

    @Test
    void a100HasHalfTheFp32LanesOfItsGamingSiblings() {
        // A100 SXM4: 108 SMs x 64 lanes x 1410 MHz x 2 = 19.5 TFLOP/s, NVIDIA's figure.
        CudaDevice a100 = new CudaDevice(0, "NVIDIA A100-SXM4-80GB", 80L << 30, 8, 0, 0, 7, 0, "GPU-a", 108,
                1_410_000, 1_593_000, 5120);
        assertThat(PeakRates.fp32(a100).perSecond()).isCloseTo(19.49e12, within(0.01e12));
        assertThat(PeakRates.fp32CoresPerSm(8, 6)).hasValue(128);
        assertThat(PeakRates.fp32CoresPerSm(8, 9)).hasValue(128);
        assertThat(PeakRates.fp32CoresPerSm(7, 5)).hasValue(64);
        assertThat(PeakRates.fp32CoresPerSm(6, 0)).hasValue(64);
        assertThat(PeakRates.fp32CoresPerSm(6, 1)).hasValue(128);
    }

    @Test
    void anUnknownArchitectureOrMissingClockHasNoPeak() {
        assertThat(PeakRates.fp32CoresPerSm(13, 0)).isEmpty();
        CudaDevice future = new CudaDevice(0, "?", 1, 13, 0, 0, 1, 0, "GPU-f", 10, 1_000_000, 0, 0);
        assertThat(PeakRates.fp32(future)).isNull();
        assertThat(PeakRates.memory(future)).isNull();
    }
}
