package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

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
    void simulatedGpusAreNumberedPerAgent() {
        assertThat(GpuInventory.simulate(3, "A100")).extracting(GpuDevice::index).containsExactly(0, 1, 2);
        assertThat(GpuInventory.simulate(2, "A100")).allMatch(GpuDevice::simulated);
    }
}
