package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.mesos.v1.Protos.AgentID;

class AgentGpuProperties {

    /**
     * Any interleaving of taking and returning GPUs: no GPU is ever given twice, and each grant
     * is the lowest free indices, as Mesos' isolator allocates them.
     */
    @Property
    void noGpuIsEverGivenTwice(@ForAll @IntRange(min = 1, max = 8) int gpus,
                               @ForAll @Size(max = 40) List<@IntRange(min = -3, max = 3) Integer> steps) {
        Agent agent = new Agent(AgentID.newBuilder().setValue("a").build(), "h",
                AgentSpec.builder().gpus(gpus).build(), GpuInventory.simulate(gpus, "m"), Path.of("/tmp"),
                org.apache.mesos.v1.Protos.URL.getDefaultInstance());
        List<List<GpuDevice>> held = new ArrayList<>();
        Set<Integer> inUse = new HashSet<>();
        for (int step : steps) {
            if (step > 0 && step <= agent.freeGpuCount()) {
                List<GpuDevice> granted = agent.takeGpus(step);
                assertThat(granted).hasSize(step);
                int lowestFree = 0;
                while (inUse.contains(lowestFree)) {
                    lowestFree++;
                }
                assertThat(granted.get(0).index()).isEqualTo(lowestFree);
                for (GpuDevice gpu : granted) {
                    assertThat(inUse.add(gpu.index())).as("GPU %d given twice", gpu.index()).isTrue();
                }
                held.add(granted);
            } else if (step < 0 && !held.isEmpty()) {
                List<GpuDevice> back = held.remove(Math.floorMod(step, held.size()));
                agent.returnGpus(back);
                back.forEach(g -> inUse.remove(g.index()));
            }
            assertThat(agent.freeGpuCount() + inUse.size()).isEqualTo(gpus);
        }
    }
}
