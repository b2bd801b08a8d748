package dev.gantry.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CudaDevicesTest {
    @Test
    void listingNeverThrowsAndExplainsAnAbsenceInOneLine() {
        // Runs against this machine: no driver on build machines, real devices on GPU machines.
        CudaInventory found = CudaDevices.list();
        if (found.hasDevices()) {
            assertThat(found.driverLoaded()).isTrue();
            assertThat(found.unavailable()).isEmpty();
            for (int i = 0; i < found.devices().size(); i++) {
                CudaDevice device = found.devices().get(i);
                assertThat(device.ordinal()).isEqualTo(i);
                assertThat(device.uuid()).matches("GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
                assertThat(device.memoryBytes()).isPositive();
                assertThat(device.multiprocessors()).isPositive();
            }
        } else {
            assertThat(found.unavailable()).hasValueSatisfying(reason ->
                    assertThat(reason).isNotBlank().doesNotContain("\n").startsWith(
                            found.driverLoaded() ? "" : "no NVIDIA driver found"));
        }
        // A second look answers the same without loading anything again.
        assertThat(CudaDevices.list()).isEqualTo(found);
    }

    @Test
    void uuidsReadAsNvidiaSmiWritesThem() {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 16; i++) {
            bytes[i] = (byte) (0xf0 + i);
        }
        assertThat(CudaDevice.formatUuid(bytes)).isEqualTo("GPU-f0f1f2f3-f4f5-f6f7-f8f9-fafbfcfdfeff");
        assertThat(CudaDevice.formatUuid(new byte[3])).isEmpty();
    }

    @Test
    void busIdAndComputeCapabilityReadAsTheKernelAndNvidiaWriteThem() {
        CudaDevice device = new CudaDevice(0, "NVIDIA H100 80GB HBM3", 80L << 30, 9, 0, 0, 0xc1, 0, "GPU-x", 132,
                1_980_000, 2_619_000, 5120);
        assertThat(device.pciBusId()).isEqualTo("0000:c1:00.0");
        assertThat(device.computeCapability()).isEqualTo("9.0");
    }
}
