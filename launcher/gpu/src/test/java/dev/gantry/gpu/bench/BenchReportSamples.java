package dev.gantry.gpu.bench;

import dev.gantry.gpu.CudaDevice;
import java.util.List;

/** Figures as an H100 SXM would give them, for tests; no test framework, so a bare JVM can run it too. */
public final class BenchReportSamples {
    /** What CUDA reports for an H100 SXM5 80GB: 132 SMs at 1980 MHz, HBM3 at 2619 MHz on a 5120-bit bus. */
    static final CudaDevice H100_SXM = new CudaDevice(0, "NVIDIA H100 80GB HBM3", 85_045_182_464L, 9, 0, 0, 0x41, 0,
            "GPU-8b8000ba-ee43-4986-b174-33e378b4bc27", 132, 1_980_000, 2_619_000, 5120);

    private static final PeakRates.Peak LINK = new PeakRates.Peak(63.02e9, "PCIe 5.0 x16 (32 GT/s per lane)");

    private BenchReportSamples() {}

    /** d2d 512 MiB per 180 us at best (three batches), h2d and d2h 256 MiB per 5 ms (d2h without a peak), 60 TFLOP/s. */
    static DeviceResult h100() {
        Samples copy = new Samples(List.of(0.000190, 0.000180, 0.000200));
        long bytes = 256L << 20;
        return DeviceResult.of(H100_SXM, List.of(
                Measurement.of("d2d", "device-to-device copy", "bytes", copy, 2.0 * bytes, "bytes read + bytes written",
                        PeakRates.memory(H100_SXM)),
                Measurement.of("h2d", "host-to-device copy (pinned)", "bytes", new Samples(List.of(0.005)), bytes,
                        "bytes copied", LINK),
                Measurement.of("d2h", "device-to-host copy (pinned)", "bytes", new Samples(List.of(0.005)), bytes,
                        "bytes copied", null),
                Measurement.of("fp32", "FP32 FMA throughput", "flop", new Samples(List.of(0.001)), 60e9,
                        "4224 blocks x 256 threads", PeakRates.fp32(H100_SXM))));
    }

    public static BenchReport sample() {
        return new BenchReport("0.1.0", "gantry bench gpu --size 256", "2026-01-01T00:00:00Z", "h", "17.0.15", "12.8",
                256L << 20, 2.0, List.of(h100()));
    }
}
