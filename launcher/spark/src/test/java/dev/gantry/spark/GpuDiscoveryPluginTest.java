package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.gpu.CudaDevice;
import dev.gantry.gpu.CudaInventory;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.spark.SparkConf;
import org.apache.spark.resource.ResourceID;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.resource.ResourceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuDiscoveryPluginTest {
    private static final Path NO_DEV = Path.of("/nonexistent-dev-for-gantry-tests");
    private static final String NO_DRIVER_REASON = "no NVIDIA driver found (libcuda.so.1 is not installed)";
    private static final CudaInventory NO_DRIVER = CudaInventory.withoutDriver(NO_DRIVER_REASON);

    @Test
    void visibleDevicesAreTheAddressesSortedNumerically() {
        assertThat(addresses(Map.of("CUDA_VISIBLE_DEVICES", "3,1"), NO_DEV, 2)).containsExactly("1", "3");
        assertThat(addresses(Map.of("CUDA_VISIBLE_DEVICES", " 10, 2 ,,0, "), NO_DEV, 3))
                .containsExactly("0", "2", "10");
    }

    @Test
    void anEmptyVisibleDevicesMeansNoGpusEvenWhenDevicesOpen(@TempDir Path dev) throws IOException {
        Files.createFile(dev.resolve("nvidia0"));
        assertThat(addresses(Map.of("CUDA_VISIBLE_DEVICES", ""), dev, 0)).isEmpty();
    }

    @Test
    void gpuUuidsAreKeptAsGivenAfterTheIndices() {
        String uuid = "GPU-8b8000ba-ee43-4986-b174-33e378b4bc27";
        String mig = "MIG-0c1e5a6d-2f0a-5d4b-8d8f-1b1d3c2e4f5a";
        assertThat(addresses(Map.of("CUDA_VISIBLE_DEVICES", uuid + ",1," + mig + ",0"), NO_DEV, 4))
                .containsExactly("0", "1", uuid, mig);
    }

    @Test
    void aNegativeIndexEndsTheListAsItDoesForCuda() {
        assertThat(addresses(Map.of("CUDA_VISIBLE_DEVICES", "-1"), NO_DEV, 0)).isEmpty();
        assertThat(addresses(Map.of("CUDA_VISIBLE_DEVICES", "2,-1,0"), NO_DEV, 1)).containsExactly("2");
    }

    @Property
    void anyListOfIndicesReadsBackSortedAndDistinct(
            @ForAll @Size(max = 16) List<@IntRange(min = 0, max = 4096) Integer> indices, @ForAll long seed) {
        List<String> written = new ArrayList<>();
        Random random = new Random(seed);
        for (int index : indices) {
            // Padding and leading zeros are how people and tools write these lists.
            written.add(" ".repeat(random.nextInt(2)) + "0".repeat(random.nextInt(2)) + index);
        }
        List<String> expected = indices.stream().distinct().sorted().map(String::valueOf).collect(Collectors.toList());
        assertThat(GpuDiscoveryPlugin.fromVisibleDevices(String.join(",", written))).isEqualTo(expected);
    }

    @Test
    void withoutVisibleDevicesTheGpusAreTheNvidiaDevicesThatOpen(@TempDir Path dev) throws IOException {
        for (String name : List.of("nvidia0", "nvidia2", "nvidia10", "nvidiactl", "nvidia-uvm", "nvidia-uvm-tools",
                "nvidia-modeset", "nvidia0x", "sda")) {
            Files.createFile(dev.resolve(name));
        }
        Files.createDirectory(dev.resolve("nvidia-caps"));
        Path refused = unopenableFile(dev, "nvidia1");
        Files.createDirectory(dev.resolve("nvidia3"));

        assertThat(addresses(Map.of(), dev, 3)).containsExactly("0", "2", "10");
        assertThatThrownBy(() -> addresses(Map.of(), dev, 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("asked for 4 GPU(s) (spark.executor.resource.gpu.amount) but found 3")
                .hasMessageContaining("CUDA_VISIBLE_DEVICES is not set")
                .hasMessageContaining(refused.toString())
                .hasMessageContaining(dev.resolve("nvidia3") + " (Is a directory)")
                .hasMessageContaining(dev.resolve("nvidia10").toString())
                .hasMessageNotContaining("nvidiactl")
                .hasMessageNotContaining("\n");
    }

    @Test
    void tooFewVisibleDevicesIsAnErrorSayingWhatWasAskedFoundAndSeen() {
        assertThatThrownBy(() -> addresses(Map.of("CUDA_VISIBLE_DEVICES", "0"), NO_DEV, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("asked for 2 GPU(s) (spark.executor.resource.gpu.amount) but found 1:"
                        + " CUDA_VISIBLE_DEVICES=\"0\"");
        assertThatThrownBy(() -> addresses(Map.of("CUDA_VISIBLE_DEVICES", ""), NO_DEV, 1))
                .hasMessage("asked for 1 GPU(s) (spark.executor.resource.gpu.amount) but found 0:"
                        + " CUDA_VISIBLE_DEVICES=\"\"");
    }

    @Test
    void noDevicesOrNoDevDirectoryIsNamedInTheError(@TempDir Path dev) {
        assertThatThrownBy(() -> addresses(Map.of(), dev, 1))
                .hasMessage("asked for 1 GPU(s) (spark.executor.resource.gpu.amount) but found 0:"
                        + " CUDA_VISIBLE_DEVICES is not set and " + dev + " has no nvidiaN devices; " + NO_DRIVER_REASON);
        assertThatThrownBy(() -> addresses(Map.of(), NO_DEV, 1))
                .hasMessageStartingWith("asked for 1 GPU(s) (spark.executor.resource.gpu.amount) but found 0:"
                        + " CUDA_VISIBLE_DEVICES is not set and " + NO_DEV + " cannot be listed");
        assertThat(addresses(Map.of(), NO_DEV, 0)).isEmpty();
    }

    @Test
    void withADriverTheGpusAreCudasOrdinalsWhateverDevNodesOpen(@TempDir Path dev) throws IOException {
        // Inside a Mesos container holding physical GPUs 3 and 5, CUDA numbers them 0 and 1: training
        // selects devices by those ordinals, so physical numbers from /dev would pick the wrong ones.
        Files.createFile(dev.resolve("nvidia3"));
        Files.createFile(dev.resolve("nvidia5"));
        CudaInventory cuda = inventory(device(0, 0x41, "GPU-aaaa"), device(1, 0xc1, "GPU-bbbb"));
        assertThat(addresses(Map.of(), dev, cuda, 2)).containsExactly("0", "1");
    }

    @Test
    void tooFewCudaDevicesNamesWhatCudaSees() {
        CudaInventory cuda = inventory(device(0, 0x41, "GPU-aaaa"));
        assertThatThrownBy(() -> addresses(Map.of(), NO_DEV, cuda, 2))
                .hasMessage("asked for 2 GPU(s) (spark.executor.resource.gpu.amount) but found 1:"
                        + " CUDA_VISIBLE_DEVICES is not set; CUDA sees 0 = NVIDIA H100 80GB HBM3 GPU-aaaa at 0000:41:00.0");
    }

    @Test
    void aDriverThatSeesNoGpuMeansNoneEvenWhenDevNodesOpen(@TempDir Path dev) throws IOException {
        Files.createFile(dev.resolve("nvidia0"));
        CudaInventory none = new CudaInventory(true, List.of(),
                Optional.of("no NVIDIA GPU found (cuInit: CUDA_ERROR_NO_DEVICE)"));
        assertThat(addresses(Map.of(), dev, none, 0)).isEmpty();
        assertThatThrownBy(() -> addresses(Map.of(), dev, none, 1))
                .hasMessageEndingWith("CUDA_VISIBLE_DEVICES is not set and no NVIDIA GPU found"
                        + " (cuInit: CUDA_ERROR_NO_DEVICE)");
    }

    @Test
    void visibleDevicesWinOverCuda() {
        CudaInventory cuda = inventory(device(0, 0x41, "GPU-aaaa"), device(1, 0xc1, "GPU-bbbb"));
        assertThat(addresses(Map.of("CUDA_VISIBLE_DEVICES", "3"), NO_DEV, cuda, 1)).containsExactly("3");
    }

    private static CudaDevice device(int ordinal, int bus, String uuid) {
        return new CudaDevice(ordinal, "NVIDIA H100 80GB HBM3", 80L << 30, 9, 0, 0, bus, 0, uuid, 132, 1_980_000,
                2_619_000, 5120);
    }

    private static CudaInventory inventory(CudaDevice... devices) {
        return new CudaInventory(true, List.of(devices), Optional.empty());
    }

    @Test
    void theDriverComponentIsNamedInItsError() {
        ResourceRequest driver = new ResourceRequest(new ResourceID("spark.driver", "gpu"), 1,
                Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> new GpuDiscoveryPlugin(Map.of("CUDA_VISIBLE_DEVICES", ""), NO_DEV, () -> NO_DRIVER)
                .discoverResource(driver, new SparkConf(false)))
                .hasMessageContaining("(spark.driver.resource.gpu.amount)");
    }

    @Test
    void otherResourcesAreLeftToSparksNextPlugin() {
        GpuDiscoveryPlugin plugin = new GpuDiscoveryPlugin(Map.of("CUDA_VISIBLE_DEVICES", "0,1"), NO_DEV, () -> NO_DRIVER);
        for (String resource : List.of("fpga", "gpus", "GPU")) {
            ResourceRequest request = new ResourceRequest(new ResourceID("spark.executor", resource), 1,
                    Optional.empty(), Optional.empty());
            assertThat(plugin.discoverResource(request, new SparkConf(false))).as(resource).isEmpty();
        }
    }

    @Test
    void sparkCanInstantiateItByName() throws Exception {
        // Spark's Utils.loadExtensions takes a public class with a public no-argument constructor.
        assertThat(Modifier.isPublic(GpuDiscoveryPlugin.class.getModifiers())).isTrue();
        assertThat(Modifier.isPublic(GpuDiscoveryPlugin.class.getConstructor().getModifiers())).isTrue();
    }

    private static List<String> addresses(Map<String, String> environment, Path dev, long amount) {
        return addresses(environment, dev, NO_DRIVER, amount);
    }

    private static List<String> addresses(Map<String, String> environment, Path dev, CudaInventory cuda, long amount) {
        ResourceRequest request = new ResourceRequest(new ResourceID("spark.executor", "gpu"), amount,
                Optional.empty(), Optional.empty());
        ResourceInformation info = new GpuDiscoveryPlugin(environment, dev, () -> cuda)
                .discoverResource(request, new SparkConf(false)).orElseThrow();
        assertThat(info.name()).isEqualTo("gpu");
        return List.of(info.addresses());
    }

    /**
     * A device node the process cannot open, as the devices cgroup makes another container's GPU.
     * Permissions 000 do that for an ordinary user, but root opens such a file anyway (tests often
     * run as root in containers), so then a dangling symlink stands in: it fails to open too.
     */
    private static Path unopenableFile(Path dev, String name) throws IOException {
        Path file = Files.createFile(dev.resolve(name));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        if (opens(file)) {
            Files.delete(file);
            Files.createSymbolicLink(file, dev.resolve("no-such-device-" + name));
        }
        assertThat(opens(file)).as("%s must not open", file).isFalse();
        return file;
    }

    private static boolean opens(Path file) {
        try (InputStream ignored = new FileInputStream(file.toFile())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
