package dev.gantry.spark;

import dev.gantry.gpu.CudaDevice;
import dev.gantry.gpu.CudaDevices;
import dev.gantry.gpu.CudaInventory;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.resource.ResourceDiscoveryPlugin;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.resource.ResourceRequest;

/**
 * Tells a Spark executor (or driver) which GPUs it may use, so that Spark's own GPU scheduling
 * ({@code spark.executor.resource.gpu.amount}, {@code spark.task.resource.gpu.amount},
 * {@code TaskContext.resources()}) works on Mesos. Enabled with
 * {@code spark.resources.discoveryPlugin=dev.gantry.spark.GpuDiscoveryPlugin}.
 *
 * <p>Addresses are what the process's own CUDA calls will accept, sorted numerically. Gantry's
 * embedded agents put the allocated GPUs' physical indices in {@code CUDA_VISIBLE_DEVICES}, and
 * those are the addresses (training maps them to CUDA ordinals). A real Mesos agent sets nothing:
 * its GPU isolator gives the container only its own {@code /dev/nvidiaN}. Where the NVIDIA driver
 * loads, CUDA's own ordinals for what it sees are the addresses, so address 0 is the first GPU of
 * the container whichever physical GPU that is; without a driver, the {@code /dev/nvidiaN} that
 * open are ours, by their physical numbers. Resources other than {@code gpu} are left to Spark's
 * next plugin (the discovery script).
 */
public final class GpuDiscoveryPlugin implements ResourceDiscoveryPlugin {
    static final String GPU = "gpu";
    static final String CUDA_VISIBLE_DEVICES = "CUDA_VISIBLE_DEVICES";

    private static final Pattern GPU_DEVICE = Pattern.compile("nvidia(\\d+)");
    private static final Pattern INDEX = Pattern.compile("\\d+");
    private static final Pattern NEGATIVE_INDEX = Pattern.compile("-\\d+");

    private final Map<String, String> environment;
    private final Path devices;
    private final Supplier<CudaInventory> cuda;

    /** Used by Spark, which instantiates discovery plugins by their no-argument constructor. */
    public GpuDiscoveryPlugin() {
        this(System.getenv(), Path.of("/dev"), CudaDevices::list);
    }

    GpuDiscoveryPlugin(Map<String, String> environment, Path devices, Supplier<CudaInventory> cuda) {
        this.environment = Objects.requireNonNull(environment);
        this.devices = Objects.requireNonNull(devices);
        this.cuda = Objects.requireNonNull(cuda);
    }

    @Override
    public Optional<ResourceInformation> discoverResource(ResourceRequest request, SparkConf conf) {
        if (!GPU.equals(request.id().resourceName())) {
            return Optional.empty();
        }
        Discovery found = discover();
        if (found.addresses().size() < request.amount()) {
            // Never fewer than asked: an executor short of GPUs must fail, saying where we looked.
            throw new IllegalStateException("asked for " + request.amount() + " GPU(s) ("
                    + request.id().amountConf() + ") but found " + found.addresses().size() + ": " + found.where());
        }
        return Optional.of(new ResourceInformation(GPU, found.addresses().toArray(String[]::new)));
    }

    /** The GPUs this process may use, and a description of where they were looked for. */
    private Discovery discover() {
        String visible = environment.get(CUDA_VISIBLE_DEVICES);
        if (visible != null) {
            return new Discovery(fromVisibleDevices(visible), CUDA_VISIBLE_DEVICES + "=\"" + visible + "\"");
        }
        CudaInventory inventory = cuda.get();
        if (inventory.driverLoaded()) {
            return fromCuda(inventory);
        }
        Discovery opened = fromDevices();
        return new Discovery(opened.addresses(), opened.where() + "; " + inventory.unavailable().orElse("no CUDA"));
    }

    /** CUDA's ordinals, with what each device is, so an executor's log says which GPUs it got. */
    private static Discovery fromCuda(CudaInventory inventory) {
        if (!inventory.hasDevices()) {
            return new Discovery(List.of(), CUDA_VISIBLE_DEVICES + " is not set and "
                    + inventory.unavailable().orElse("CUDA sees no GPU"));
        }
        List<String> addresses = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (CudaDevice device : inventory.devices()) {
            addresses.add(String.valueOf(device.ordinal()));
            seen.add(device.ordinal() + " = " + device.name() + " " + device.uuid() + " at " + device.pciBusId());
        }
        return new Discovery(List.copyOf(addresses), CUDA_VISIBLE_DEVICES + " is not set; CUDA sees "
                + String.join(", ", seen));
    }

    private record Discovery(List<String> addresses, String where) {}

    /**
     * The entries of a {@code CUDA_VISIBLE_DEVICES} value. Indices sort numerically; UUIDs
     * ({@code GPU-...}, {@code MIG-...}) follow in the order given, unchanged, since CUDA accepts
     * them as they are. CUDA stops reading at a negative index ({@code -1} is the usual way to
     * hide every GPU), so we do too.
     */
    static List<String> fromVisibleDevices(String value) {
        Set<String> entries = new LinkedHashSet<>();
        for (String raw : value.split(",")) {
            String entry = raw.strip();
            if (NEGATIVE_INDEX.matcher(entry).matches()) {
                break;
            }
            if (!entry.isEmpty()) {
                entries.add(INDEX.matcher(entry).matches() ? canonicalIndex(entry) : entry);
            }
        }
        return sorted(entries);
    }

    private Discovery fromDevices() {
        List<String> tried = new ArrayList<>();
        Set<String> openable = new LinkedHashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(devices)) {
            for (Path device : entries) {
                Matcher m = GPU_DEVICE.matcher(device.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                String refusal = refusalToOpen(device);
                tried.add(device + (refusal == null ? "" : " (" + refusal + ")"));
                if (refusal == null) {
                    openable.add(canonicalIndex(m.group(1)));
                }
            }
        } catch (IOException e) {
            return new Discovery(List.of(), CUDA_VISIBLE_DEVICES + " is not set and " + devices
                    + " cannot be listed: " + e.getMessage());
        }
        if (tried.isEmpty()) {
            return new Discovery(List.of(), CUDA_VISIBLE_DEVICES + " is not set and " + devices
                    + " has no nvidiaN devices");
        }
        tried.sort(Comparator.naturalOrder());
        return new Discovery(sorted(openable), CUDA_VISIBLE_DEVICES + " is not set; tried "
                + String.join(", ", tried));
    }

    /**
     * Null when the device opens for reading, else why not. Inside a Mesos container the devices
     * cgroup refuses the GPUs of other containers with EPERM, so opening is the test of ownership;
     * FileInputStream (unlike a channel) also refuses directories.
     */
    private static String refusalToOpen(Path device) {
        try (InputStream ignored = new FileInputStream(device.toFile())) {
            return null;
        } catch (IOException | SecurityException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            int reason = message.lastIndexOf('(');
            return reason >= 0 && message.endsWith(")") ? message.substring(reason + 1, message.length() - 1)
                    : message;
        }
    }

    /** "01" and "1" name the same GPU. */
    private static String canonicalIndex(String digits) {
        return new BigInteger(digits).toString();
    }

    private static List<String> sorted(Set<String> entries) {
        List<String> indices = entries.stream().filter(e -> INDEX.matcher(e).matches())
                .sorted(Comparator.comparing(BigInteger::new)).collect(Collectors.toList());
        entries.stream().filter(e -> !INDEX.matcher(e).matches()).forEach(indices::add);
        return List.copyOf(indices);
    }
}
