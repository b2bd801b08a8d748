package dev.gantry.service.tenancy;

import java.util.OptionalInt;

/**
 * A team of {@code gantry serve}: the Mesos role its jobs run under, its weight in the queue's
 * sharing of GPUs (relative to the other teams'), and an optional cap on the GPUs its jobs hold at
 * once. The queue enforces weight and cap on top of any Mesos quota the operator set on the role.
 *
 * @param maxGpus the cap, or null for none
 */
public record Team(String name, String role, double weight, Integer maxGpus) {
    public OptionalInt gpuCap() {
        return maxGpus == null ? OptionalInt.empty() : OptionalInt.of(maxGpus);
    }
}
