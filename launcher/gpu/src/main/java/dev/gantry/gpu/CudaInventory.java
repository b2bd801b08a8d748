package dev.gantry.gpu;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CudaDevices#list()} found.
 *
 * @param driverLoaded whether {@code libcuda.so.1} loaded and initialised; then {@code devices} is
 *     what CUDA sees, even when that is none
 * @param devices in ordinal order
 * @param unavailable why there are no devices, in one line; empty when there are some
 */
public record CudaInventory(boolean driverLoaded, List<CudaDevice> devices, Optional<String> unavailable) {
    public CudaInventory {
        devices = List.copyOf(devices);
        Objects.requireNonNull(unavailable);
    }

    static CudaInventory of(List<CudaDevice> devices) {
        return devices.isEmpty()
                ? new CudaInventory(true, devices, Optional.of("no NVIDIA GPU found (CUDA sees no device)"))
                : new CudaInventory(true, devices, Optional.empty());
    }

    /** No driver to ask, or it failed: {@code reason} says which in one line. */
    public static CudaInventory withoutDriver(String reason) {
        return new CudaInventory(false, List.of(), Optional.of(reason));
    }

    /** A driver that loaded but refuses to list devices (no GPU, or a broken one). */
    static CudaInventory driverWithoutDevices(String reason) {
        return new CudaInventory(true, List.of(), Optional.of(reason));
    }

    public boolean hasDevices() {
        return !devices.isEmpty();
    }
}
