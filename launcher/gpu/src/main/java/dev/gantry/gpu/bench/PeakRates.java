package dev.gantry.gpu.bench;

import dev.gantry.gpu.CudaDevice;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * A device's theoretical peaks, from what its driver reports, so that measured rates can be read
 * as a fraction of what the hardware can do rather than as bare numbers.
 */
final class PeakRates {
    private PeakRates() {}

    /**
     * FP32 lanes per SM by compute capability, from NVIDIA's CUDA programming guide ("arithmetic
     * instructions" throughput table); empty for architectures it does not list.
     */
    static OptionalInt fp32CoresPerSm(int major, int minor) {
        switch (major) {
            case 3:
                return OptionalInt.of(192);
            case 5:
                return OptionalInt.of(128);
            case 6:
                return OptionalInt.of(minor == 0 ? 64 : 128);
            case 7:
                return OptionalInt.of(64);
            case 8:
                // A100 (8.0) has 64; GA10x, Orin and Ada (8.6, 8.7, 8.9) double the FP32 lanes.
                return OptionalInt.of(minor == 0 ? 64 : 128);
            case 9:
            case 10:
            case 11:
            case 12:
                return OptionalInt.of(128);
            default:
                return OptionalInt.empty();
        }
    }

    /** SMs x FP32 lanes x SM clock x 2 (an FMA is two operations), in FLOP/s; null when the architecture is unknown. */
    static Peak fp32(CudaDevice device) {
        OptionalInt lanes = fp32CoresPerSm(device.computeMajor(), device.computeMinor());
        if (lanes.isEmpty() || device.clockKhz() <= 0) {
            return null;
        }
        double flops = (double) device.multiprocessors() * lanes.getAsInt() * device.clockKhz() * 1e3 * 2;
        return new Peak(flops, String.format(Locale.ROOT, "%d SMs x %d FP32 lanes x %.0f MHz x 2",
                device.multiprocessors(), lanes.getAsInt(), device.clockKhz() / 1e3));
    }

    /** Memory clock x bus width x 2 (double data rate), in bytes/s; null when the driver reports no clock. */
    static Peak memory(CudaDevice device) {
        if (device.memoryClockKhz() <= 0 || device.memoryBusWidthBits() <= 0) {
            return null;
        }
        double bytes = device.memoryClockKhz() * 1e3 * 2 * device.memoryBusWidthBits() / 8.0;
        return new Peak(bytes, String.format(Locale.ROOT, "%.0f MHz x %d-bit bus x 2",
                device.memoryClockKhz() / 1e3, device.memoryBusWidthBits()));
    }

    /** A peak rate and how it was computed, for the report. */
    record Peak(double perSecond, String basis) {}
}
