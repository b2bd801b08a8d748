package dev.gantry.localcluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The NVIDIA GPUs of this machine, read from the driver's {@code /proc/driver/nvidia/gpus}: it
 * exists exactly when the kernel driver is loaded, needs no CUDA library, and lists devices in PCI
 * bus order, the order Mesos' GPU isolator numbers them in.
 */
public final class GpuInventory {
    private static final Path DRIVER = Path.of("/proc/driver/nvidia/gpus");

    private GpuInventory() {}

    /** The GPUs the driver reports, in PCI bus order; empty without an NVIDIA driver. */
    public static List<GpuDevice> detect() {
        return detect(DRIVER);
    }

    static List<GpuDevice> detect(Path driverDirectory) {
        if (!Files.isDirectory(driverDirectory)) {
            return List.of();
        }
        List<String[]> found = new ArrayList<>();
        try (Stream<Path> devices = Files.list(driverDirectory)) {
            for (Path device : (Iterable<Path>) devices::iterator) {
                Path information = device.resolve("information");
                if (!Files.isReadable(information)) {
                    continue;
                }
                String model = "unknown";
                String uuid = "";
                for (String line : Files.readAllLines(information)) {
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String key = line.substring(0, colon).trim();
                    String value = line.substring(colon + 1).trim();
                    if (key.equals("Model")) {
                        model = value;
                    } else if (key.equals("GPU UUID")) {
                        uuid = value;
                    }
                }
                found.add(new String[] {device.getFileName().toString(), model, uuid});
            }
        } catch (IOException e) {
            return List.of();
        }
        found.sort(Comparator.comparing(d -> d[0]));
        List<GpuDevice> gpus = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            String[] d = found.get(i);
            gpus.add(new GpuDevice(i, d[1], d[2], d[0], false));
        }
        return gpus;
    }

    /** {@code count} simulated GPUs numbered from 0, as one machine of that model would have. */
    public static List<GpuDevice> simulate(int count, String model) {
        List<GpuDevice> gpus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            gpus.add(new GpuDevice(i, model, "GPU-simulated-" + i, "", true));
        }
        return gpus;
    }
}
