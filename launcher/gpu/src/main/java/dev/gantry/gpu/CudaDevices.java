package dev.gantry.gpu;

import static dev.gantry.gpu.CudaDriver.check;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUuuid;
import jcuda.driver.JCudaDriver;

/** The GPUs this process can use, from CUDA's driver API. */
public final class CudaDevices {
    private CudaDevices() {}

    /**
     * Every device CUDA shows this process, in ordinal order; without a usable driver, none and
     * the reason. Never throws: discovery must not be the thing that kills an executor.
     */
    public static CudaInventory list() {
        Optional<String> unavailable = CudaDriver.initialise();
        if (unavailable.isPresent()) {
            return CudaDriver.libraryLoaded() ? CudaInventory.driverWithoutDevices(unavailable.get())
                    : CudaInventory.withoutDriver(unavailable.get());
        }
        try {
            int[] count = new int[1];
            check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
            List<CudaDevice> devices = new ArrayList<>();
            for (int ordinal = 0; ordinal < count[0]; ordinal++) {
                devices.add(describe(ordinal));
            }
            return CudaInventory.of(devices);
        } catch (CudaFailure e) {
            return CudaInventory.driverWithoutDevices("the NVIDIA driver cannot list its GPUs (" + e.getMessage() + ")");
        }
    }

    /** The device with this ordinal; the driver must be initialised. */
    static CudaDevice describe(int ordinal) {
        CUdevice device = new CUdevice();
        check(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet");
        byte[] name = new byte[256];
        check(JCudaDriver.cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
        long[] memory = new long[1];
        check(JCudaDriver.cuDeviceTotalMem(memory, device), "cuDeviceTotalMem");
        CUuuid uuid = new CUuuid();
        check(JCudaDriver.cuDeviceGetUuid(uuid, device), "cuDeviceGetUuid");
        return new CudaDevice(ordinal, cString(name), memory[0],
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_PCI_DOMAIN_ID),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_PCI_BUS_ID),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_PCI_DEVICE_ID),
                CudaDevice.formatUuid(uuid.bytes),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_CLOCK_RATE),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH));
    }

    /** {@code cuDriverGetVersion}: 12080 for CUDA 12.8; 0 without a driver. */
    public static int driverVersion() {
        if (CudaDriver.initialise().isPresent()) {
            return 0;
        }
        int[] version = new int[1];
        return JCudaDriver.cuDriverGetVersion(version) == 0 ? version[0] : 0;
    }

    static int attribute(CUdevice device, int attribute) {
        int[] value = new int[1];
        check(JCudaDriver.cuDeviceGetAttribute(value, attribute, device), "cuDeviceGetAttribute(" + attribute + ")");
        return value[0];
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).strip();
    }
}
