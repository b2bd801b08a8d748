package dev.gantry.training.worker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the GPU addresses Spark gave a task into the CUDA ordinals this process uses. Gantry's
 * executor discovery reports physical device indices; when {@code CUDA_VISIBLE_DEVICES} limits
 * the process (as the embedded cluster does), CUDA renumbers the visible devices from 0, so
 * physical GPU 3 in a process that sees "2,3" is ordinal 1.
 */
public final class CudaOrdinals {
    private CudaOrdinals() {}

    public static List<Integer> of(List<String> addresses, String cudaVisibleDevices) {
        List<String> visible = cudaVisibleDevices == null || cudaVisibleDevices.isBlank()
                ? List.of() : Arrays.stream(cudaVisibleDevices.split(",")).map(String::trim).toList();
        List<Integer> ordinals = new ArrayList<>();
        for (String address : addresses) {
            if (visible.isEmpty()) {
                ordinals.add(Integer.parseInt(address.trim()));
            } else {
                int ordinal = visible.indexOf(address.trim());
                if (ordinal < 0) {
                    throw new IllegalStateException("GPU " + address + " was assigned to this task but is not in CUDA_VISIBLE_DEVICES="
                            + cudaVisibleDevices);
                }
                ordinals.add(ordinal);
            }
        }
        return List.copyOf(ordinals);
    }
}
