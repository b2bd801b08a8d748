package dev.gantry.gpu.bench;

import dev.gantry.gpu.CudaDevice;
import java.util.List;

/** One device, as the report names it, and what was measured on it. */
public record DeviceResult(int ordinal, String name, String uuid, String pciBusId, String computeCapability,
                    long memoryBytes, int multiprocessors, double smClockMhz, double memoryClockMhz,
                    int memoryBusWidthBits, List<Measurement> measurements) {
    public DeviceResult {
        measurements = List.copyOf(measurements);
    }

    static DeviceResult of(CudaDevice device, List<Measurement> measurements) {
        return new DeviceResult(device.ordinal(), device.name(), device.uuid(), device.pciBusId(),
                device.computeCapability(), device.memoryBytes(), device.multiprocessors(), device.clockKhz() / 1e3,
                device.memoryClockKhz() / 1e3, device.memoryBusWidthBits(), measurements);
    }
}
