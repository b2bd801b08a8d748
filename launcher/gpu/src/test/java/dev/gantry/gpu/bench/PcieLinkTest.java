package dev.gantry.gpu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcieLinkTest {
    @Test
    void readsSysfsSpeedsOldAndNew() {
        assertThat(PcieLink.parse("32.0 GT/s PCIe\n", "16\n")).contains(new PcieLink(32, 16));
        assertThat(PcieLink.parse("8 GT/s", "8")).contains(new PcieLink(8, 8));
        assertThat(PcieLink.parse("2.5 GT/s PCIe", "1")).contains(new PcieLink(2.5, 1));
        assertThat(PcieLink.parse("Unknown", "16")).isEmpty();
        assertThat(PcieLink.parse("16.0 GT/s PCIe", "255")).isEmpty();
        assertThat(PcieLink.parse(null, "16")).isEmpty();
    }

    @Test
    void bandwidthIsAfterLineEncoding() {
        // PCIe 5.0 x16: 32 GT/s x 16 lanes x 128/130 / 8 = 63.0 GB/s each way.
        assertThat(new PcieLink(32, 16).bytesPerSecond()).isCloseTo(63.02e9, within(0.01e9));
        assertThat(new PcieLink(16, 16).bytesPerSecond()).isCloseTo(31.51e9, within(0.01e9));
        // PCIe 2.0 x16 loses a fifth to 8b/10b: 8 GB/s.
        assertThat(new PcieLink(5, 16).bytesPerSecond()).isCloseTo(8e9, within(1.0));
        assertThat(new PcieLink(32, 16).describe()).isEqualTo("PCIe 5.0 x16 (32 GT/s per lane)");
        assertThat(new PcieLink(2.5, 4).describe()).isEqualTo("PCIe 1.0 x4 (2.5 GT/s per lane)");
    }

    @Test
    void theNegotiatedLinkWinsUnlessTheGpuSteppedItDownWhileIdle(@TempDir Path sysfs) throws Exception {
        link(sysfs, "0000:41:00.0", "16.0 GT/s PCIe", "16", "32.0 GT/s PCIe", "16");
        // A Gen5 GPU in a Gen4 slot runs at Gen4: that is its peak.
        assertThat(PcieLink.read(sysfs, "0000:41:00.0")).contains(new PcieLink(16, 16));
        link(sysfs, "0000:c1:00.0", "2.5 GT/s PCIe", "16", "32.0 GT/s PCIe", "16");
        assertThat(PcieLink.read(sysfs, "0000:C1:00.0")).contains(new PcieLink(32, 16));
        assertThat(PcieLink.read(sysfs, "0000:99:00.0")).isEmpty();
    }

    private static void link(Path sysfs, String device, String speed, String width, String maxSpeed, String maxWidth)
            throws Exception {
        Path dir = Files.createDirectories(sysfs.resolve(device));
        Files.writeString(dir.resolve("current_link_speed"), speed + "\n");
        Files.writeString(dir.resolve("current_link_width"), width + "\n");
        Files.writeString(dir.resolve("max_link_speed"), maxSpeed + "\n");
        Files.writeString(dir.resolve("max_link_width"), maxWidth + "\n");
    }
}
