package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.placement.ResourceSlice;
import dev.gantry.protocol.ResourceNames;
import org.junit.jupiter.api.Test;

/** Placement names the resources it places itself (it depends on nothing); they must be Mesos' names. */
class ResourceNamesTest {
    @Test
    void placementSpellsTheResourcesAsMesosDoes() {
        assertThat(ResourceSlice.CPUS).isEqualTo(ResourceNames.CPUS);
        assertThat(ResourceSlice.MEM).isEqualTo(ResourceNames.MEM);
        assertThat(ResourceSlice.GPUS).isEqualTo(ResourceNames.GPUS);
    }
}
