package dev.gantry.localcluster;

import dev.gantry.gpu.CudaDevice;
import dev.gantry.gpu.CudaDevices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The NVIDIA GPUs of this machine. The kernel driver's {@code /proc/driver/nvidia/gpus} exists
 * exactly when the driver is loaded, needs no CUDA library, and lists every device in PCI bus
 * order, the order Mesos' GPU isolator numbers them in and the index tasks see in
 * {@code CUDA_VISIBLE_DEVICES} (with {@code CUDA_DEVICE_ORDER=PCI_BUS_ID}). CUDA's driver API, where
 * it loads, names the same devices as CUDA itself does (model and UUID), so its answers win for
 * the devices both know; it alone decides when /proc is not there (some containers).
 */
public final class GpuInventory {
    private static final Path DRIVER = Path.of("/proc/driver/nvidia/gpus");
    private static final Pattern PCI_ADDRESS =
            Pattern.compile("([0-9a-fA-F]+):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\\.([0-7])");

    private GpuInventory() {}

    /** The GPUs of this machine, in PCI bus order; empty without an NVIDIA driver. */
    public static List<GpuDevice> detect() {
        return merge(detect(DRIVER), CudaDevices.list().devices());
    }

    /**
     * The kernel driver's devices with CUDA's names for them. Indices stay those of /proc, the
     * machine-wide PCI order: CUDA numbers only what this process may see, in its own order.
     */
    static List<GpuDevice> merge(List<GpuDevice> fromDriver, List<CudaDevice> fromCuda) {
        if (fromCuda.isEmpty()) {
            return fromDriver;
        }
        if (fromDriver.isEmpty()) {
            List<CudaDevice> byBus = new ArrayList<>(fromCuda);
            byBus.sort(Comparator.comparingInt(CudaDevice::pciDomain).thenComparingInt(CudaDevice::pciBus)
                    .thenComparingInt(CudaDevice::pciDevice));
            List<GpuDevice> gpus = new ArrayList<>();
            for (CudaDevice cuda : byBus) {
                gpus.add(new GpuDevice(gpus.size(), cuda.name(), cuda.uuid(), cuda.pciBusId(), false));
            }
            return gpus;
        }
        List<GpuDevice> gpus = new ArrayList<>();
        for (GpuDevice gpu : fromDriver) {
            Optional<CudaDevice> same = fromCuda.stream().filter(c -> sameAddress(c.pciBusId(), gpu.busId())).findFirst();
            gpus.add(same.map(c -> new GpuDevice(gpu.index(), c.name(), c.uuid().isEmpty() ? gpu.uuid() : c.uuid(),
                    gpu.busId(), false)).orElse(gpu));
        }
        return gpus;
    }

    /** "0000:41:00.0" and "00000000:41:00.0" (nvidia-smi's width) are one device. */
    static boolean sameAddress(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    private static String canonical(String address) {
        Matcher m = PCI_ADDRESS.matcher(address.strip());
        if (!m.matches()) {
            return address.strip().toLowerCase(Locale.ROOT);
        }
        return String.format(Locale.ROOT, "%x:%x:%x.%s", Long.parseLong(m.group(1), 16), Integer.parseInt(m.group(2), 16),
                Integer.parseInt(m.group(3), 16), m.group(4));
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
