package dev.gantry.gpu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GPU's PCIe link, the peak for host-to-device and device-to-host copies. CUDA's driver API does
 * not report it, but Linux does, in sysfs, with no NVIDIA library needed.
 *
 * @param gigatransfers per lane per second: 2.5, 5, 8, 16, 32 or 64
 */
record PcieLink(double gigatransfers, int lanes) {
    private static final Pattern SPEED = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*GT/s.*", Pattern.DOTALL);

    /** The PCIe generation these transfer rates belong to. */
    int generation() {
        if (gigatransfers >= 64) {
            return 6;
        }
        if (gigatransfers >= 32) {
            return 5;
        }
        if (gigatransfers >= 16) {
            return 4;
        }
        if (gigatransfers >= 8) {
            return 3;
        }
        return gigatransfers >= 5 ? 2 : 1;
    }

    /**
     * Bytes per second one way, after line encoding: 8b/10b for PCIe 1 and 2, 128b/130b for 3 to
     * 5, and PCIe 6's FLIT framing (242 of 256 bytes carry data).
     */
    double bytesPerSecond() {
        int generation = generation();
        double efficiency = generation <= 2 ? 0.8 : generation <= 5 ? 128.0 / 130.0 : 242.0 / 256.0;
        return gigatransfers * 1e9 * lanes * efficiency / 8;
    }

    String describe() {
        return String.format(Locale.ROOT, "PCIe %d.0 x%d (%s GT/s per lane)", generation(), lanes,
                gigatransfers == Math.rint(gigatransfers) ? String.valueOf((long) gigatransfers)
                        : String.valueOf(gigatransfers));
    }

    /** Parses sysfs' {@code current_link_speed} ("32.0 GT/s PCIe", "8 GT/s") and {@code current_link_width} ("16"). */
    static Optional<PcieLink> parse(String speed, String width) {
        if (speed == null || width == null) {
            return Optional.empty();
        }
        Matcher m = SPEED.matcher(speed);
        String lanes = width.strip();
        if (!m.matches() || !lanes.matches("[0-9]{1,2}")) {
            return Optional.empty();
        }
        double gt = Double.parseDouble(m.group(1));
        int n = Integer.parseInt(lanes);
        return gt > 0 && n > 0 ? Optional.of(new PcieLink(gt, n)) : Optional.empty();
    }

    /**
     * The link of the device at {@code busId} under {@code sysfsDevices} ({@code /sys/bus/pci/devices}).
     * The negotiated ({@code current_}) link is the truth under load; an idle GPU may have stepped it
     * down to save power, so read this right after copying, and fall back to the device's maximum.
     */
    static Optional<PcieLink> read(Path sysfsDevices, String busId) {
        Path device = sysfsDevices.resolve(busId.toLowerCase(Locale.ROOT));
        Optional<PcieLink> current = parse(read(device.resolve("current_link_speed")),
                read(device.resolve("current_link_width")));
        Optional<PcieLink> max = parse(read(device.resolve("max_link_speed")), read(device.resolve("max_link_width")));
        if (current.isPresent() && max.isPresent() && current.get().bytesPerSecond() < max.get().bytesPerSecond()
                && current.get().lanes() == max.get().lanes() && current.get().generation() <= 1) {
            // Stepped down to 2.5 GT/s while idle: the maximum is what the copies ran at.
            return max;
        }
        return current.isPresent() ? current : max;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
