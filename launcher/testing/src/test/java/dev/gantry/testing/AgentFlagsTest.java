package dev.gantry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.localcluster.AgentSpec;
import org.junit.jupiter.api.Test;

class AgentFlagsTest {
    @Test
    void reservationsAreCarvedOutOfTheTotals() {
        AgentSpec spec = AgentSpec.builder().cpus(2).memMb(1024).gpus(2)
                .reserve("ml", new AgentSpec.Reservation(0.5, 256, 1)).build();
        assertThat(AgentFlags.resources(spec))
                .isEqualTo("cpus(ml):0.500;mem(ml):256;gpus(ml):1;cpus:1.500;mem:768;gpus:1;disk:1000");
    }

    @Test
    void nothingLeftUnreservedIsLeftOut() {
        AgentSpec spec = AgentSpec.builder().cpus(1).memMb(256)
                .reserve("ml", new AgentSpec.Reservation(1, 256, 0)).build();
        assertThat(AgentFlags.resources(spec)).isEqualTo("cpus(ml):1;mem(ml):256;disk:1000");
    }

    @Test
    void gpuAgentsCarryTheirModelBesideTheDeclaredAttributes() {
        assertThat(AgentFlags.attributes(AgentSpec.builder().gpus(1).attribute("rack", "r2").build()))
                .isEqualTo("gpu_model:" + AgentSpec.DEFAULT_GPU_MODEL + ";rack:r2");
        assertThat(AgentFlags.attributes(AgentSpec.builder().build())).isEmpty();
    }
}
