package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gpu.CudaDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuInventoryTest {

    private static void device(Path driver, String bus, String model, String uuid) throws Exception {
        Path dir = Files.createDirectories(driver.resolve(bus));
        // The layout of /proc/driver/nvidia/gpus/<bus>/information as the NVIDIA kernel driver writes it.
        Files.writeString(dir.resolve("information"), String.join("\n",
                "Model: \t\t " + model,
                "IRQ:   \t\t 152",
                "GPU UUID: \t " + uuid,
                "Video BIOS: \t 96.00.74.00.01",
                "Bus Type: \t PCIe",
                "DMA Size: \t 52 bits",
                "DMA Mask: \t 0xfffffffffffff",
                "Bus Location: \t " + bus,
                "Device Minor: \t 0",
                ""));
    }

    @Test
    void readsTheDriversDevicesInPciBusOrder(@TempDir Path driver) throws Exception {
        device(driver, "0000:c1:00.0", "NVIDIA H100 80GB HBM3", "GPU-2222");
        device(driver, "0000:41:00.0", "NVIDIA H100 80GB HBM3", "GPU-1111");
        List<GpuDevice> gpus = GpuInventory.detect(driver);
        assertThat(gpus).extracting(GpuDevice::index).containsExactly(0, 1);
        assertThat(gpus).extracting(GpuDevice::uuid).containsExactly("GPU-1111", "GPU-2222");
        assertThat(gpus).extracting(GpuDevice::busId).containsExactly("0000:41:00.0", "0000:c1:00.0");
        assertThat(gpus).allMatch(g -> g.model().equals("NVIDIA H100 80GB HBM3") && !g.simulated());
    }

    @Test
    void noDriverMeansNoGpus(@TempDir Path temp) {
        assertThat(GpuInventory.detect(temp.resolve("absent"))).isEmpty();
    }

    @Test
    void cudaNamesTheDevicesTheKernelDriverListsAndIndicesStayInPciOrder(@TempDir Path driver) throws Exception {
        device(driver, "0000:c1:00.0", "NVIDIA H100 80GB HBM3", "GPU-2222");
        device(driver, "0000:41:00.0", "NVIDIA H100 80GB HBM3", "GPU-1111");
        device(driver, "0000:81:00.0", "NVIDIA H100 80GB HBM3", "GPU-3333");
        // CUDA's default order is fastest first, and this process may see only some devices.
        List<CudaDevice> cuda = List.of(cuda(0, 0xc1, "NVIDIA H100 PCIe", "GPU-cccc"),
                cuda(1, 0x41, "NVIDIA H100 PCIe", "GPU-aaaa"));
        List<GpuDevice> gpus = GpuInventory.merge(GpuInventory.detect(driver), cuda);
        assertThat(gpus).extracting(GpuDevice::index).containsExactly(0, 1, 2);
        assertThat(gpus).extracting(GpuDevice::busId).containsExactly("0000:41:00.0", "0000:81:00.0", "0000:c1:00.0");
        assertThat(gpus).extracting(GpuDevice::uuid).containsExactly("GPU-aaaa", "GPU-3333", "GPU-cccc");
        assertThat(gpus).extracting(GpuDevice::model)
                .containsExactly("NVIDIA H100 PCIe", "NVIDIA H100 80GB HBM3", "NVIDIA H100 PCIe");
    }

    @Test
    void withoutProcCudaAloneListsTheGpusInPciOrder() {
        List<GpuDevice> gpus = GpuInventory.merge(List.of(),
                List.of(cuda(0, 0xc1, "B", "GPU-bbbb"), cuda(1, 0x41, "A", "GPU-aaaa")));
        assertThat(gpus).extracting(GpuDevice::index).containsExactly(0, 1);
        assertThat(gpus).extracting(GpuDevice::uuid).containsExactly("GPU-aaaa", "GPU-bbbb");
        assertThat(gpus).extracting(GpuDevice::busId).containsExactly("0000:41:00.0", "0000:c1:00.0");
        assertThat(gpus).noneMatch(GpuDevice::simulated);
    }

    @Test
    void withoutCudaProcIsTheAnswer(@TempDir Path driver) throws Exception {
        device(driver, "0000:41:00.0", "NVIDIA A100-SXM4-80GB", "GPU-1111");
        assertThat(GpuInventory.merge(GpuInventory.detect(driver), List.of()))
                .isEqualTo(GpuInventory.detect(driver));
    }

    @Test
    void pciAddressesMatchWhateverTheDomainsWidth() {
        assertThat(GpuInventory.sameAddress("00000000:C1:00.0", "0000:c1:00.0")).isTrue();
        assertThat(GpuInventory.sameAddress("0000:c1:00.0", "0000:c1:00.1")).isFalse();
        assertThat(GpuInventory.sameAddress("0001:c1:00.0", "0000:c1:00.0")).isFalse();
    }

    private static CudaDevice cuda(int ordinal, int bus, String name, String uuid) {
        return new CudaDevice(ordinal, name, 80L << 30, 9, 0, 0, bus, 0, uuid, 114, 1_755_000, 1_593_000, 5120);
    }

    @Test
    void simulatedGpusAreNumberedPerAgent() {
        assertThat(GpuInventory.simulate(3, "A100")).extracting(GpuDevice::index).containsExactly(0, 1, 2);
        assertThat(GpuInventory.simulate(2, "A100")).allMatch(GpuDevice::simulated);
    }
}
