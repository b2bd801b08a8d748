package dev.gantry.benchmarks.placement;

import java.util.Map;

/**
 * The kinds of machines in a generated cluster. Sizes follow common GPU servers: eight H100
 * 80 GB with 96 cores and 1 TiB, eight A100 40 GB with 64 cores and 512 GiB, and CPU-only
 * machines for ETL.
 */
public enum AgentType {
    H100(new Resources(96, 1_048_576, 8), Map.of("gpu_model", "H100", "gpu_memory_mb", "81920")),
    A100(new Resources(64, 524_288, 8), Map.of("gpu_model", "A100", "gpu_memory_mb", "40960")),
    CPU_ONLY(new Resources(64, 262_144, 0), Map.of());

    private final Resources capacity;
    private final Map<String, String> gpuAttributes;

    AgentType(Resources capacity, Map<String, String> gpuAttributes) {
        this.capacity = capacity;
        this.gpuAttributes = gpuAttributes;
    }

    public Resources capacity() {
        return capacity;
    }

    public Map<String, String> gpuAttributes() {
        return gpuAttributes;
    }

    public boolean hasGpus() {
        return capacity.gpus() > 0;
    }
}
