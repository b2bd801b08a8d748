package dev.gantry.gpu;

import java.util.Locale;

/**
 * One GPU as CUDA's driver API describes it.
 *
 * @param ordinal the device's number in this process (what {@code cuDeviceGet} takes), which
 *     depends on {@code CUDA_VISIBLE_DEVICES} and {@code CUDA_DEVICE_ORDER}
 * @param uuid as nvidia-smi writes it, {@code GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}
 * @param clockKhz the SM clock the peak FP32 rate is computed from
 * @param memoryClockKhz and {@code memoryBusWidthBits}: what the peak memory bandwidth is computed from
 */
public record CudaDevice(
        int ordinal,
        String name,
        long memoryBytes,
        int computeMajor,
        int computeMinor,
        int pciDomain,
        int pciBus,
        int pciDevice,
        String uuid,
        int multiprocessors,
        int clockKhz,
        int memoryClockKhz,
        int memoryBusWidthBits) {

    /** The PCI address as the kernel writes it ({@code /proc/driver/nvidia/gpus}, sysfs): {@code 0000:41:00.0}. */
    public String pciBusId() {
        return String.format(Locale.ROOT, "%04x:%02x:%02x.0", pciDomain, pciBus, pciDevice);
    }

    /** {@code 9.0} for an H100. */
    public String computeCapability() {
        return computeMajor + "." + computeMinor;
    }

    /** A CUDA UUID's 16 bytes as nvidia-smi and {@code CUDA_VISIBLE_DEVICES} write them. */
    static String formatUuid(byte[] bytes) {
        if (bytes == null || bytes.length != 16) {
            return "";
        }
        StringBuilder hex = new StringBuilder("GPU-");
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                hex.append('-');
            }
            hex.append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff));
        }
        return hex.toString();
    }
}
