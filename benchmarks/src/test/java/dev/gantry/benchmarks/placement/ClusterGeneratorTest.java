package dev.gantry.benchmarks.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterGeneratorTest {

    @Test
    void sameSeedAndSizeGiveTheSameCluster() {
        Cluster first = new ClusterGenerator(7).generate(500);
        Cluster second = new ClusterGenerator(7).generate(500);

        assertThat(second.agents()).isEqualTo(first.agents());
        assertThat(second.freeResources()).isEqualTo(first.freeResources());
    }

    @Test
    void anotherSeedGivesAnotherCluster() {
        Cluster first = new ClusterGenerator(7).generate(500);
        Cluster other = new ClusterGenerator(8).generate(500);

        assertThat(other.freeResources()).isNotEqualTo(first.freeResources());
    }

    @Test
    void agentsAreFragmentedWithinTheirCapacity() {
        Cluster cluster = new ClusterGenerator(11).generate(1_000);

        Set<AgentType> types = EnumSet.noneOf(AgentType.class);
        int idle = 0;
        int partlyUsedGpus = 0;
        int fullyUsedGpus = 0;
        for (int i = 0; i < cluster.size(); i++) {
            Agent agent = cluster.agents().get(i);
            Resources free = cluster.free(i);
            types.add(agent.type());
            assertThat(agent.capacity().holds(free)).as(agent.id()).isTrue();
            assertThat(free.nonNegative()).as(agent.id()).isTrue();
            if (free.equals(agent.capacity())) {
                idle++;
            }
            if (agent.type().hasGpus() && free.gpus() > 0 && free.gpus() < agent.capacity().gpus()) {
                partlyUsedGpus++;
            }
            if (agent.type().hasGpus() && free.gpus() == 0) {
                fullyUsedGpus++;
            }
        }
        assertThat(types).containsExactlyInAnyOrder(AgentType.values());
        assertThat(idle).isBetween(150, 300);
        assertThat(partlyUsedGpus).isGreaterThan(300);
        assertThat(fullyUsedGpus).isGreaterThan(50);
    }

    @Test
    void gpuAgentsCarryTheirModelAndMemoryAsAttributes() {
        Cluster cluster = new ClusterGenerator(3).generate(200);

        for (Agent agent : cluster.agents()) {
            switch (agent.type()) {
                case H100:
                    assertThat(agent.attributes()).containsEntry("gpu_model", "H100")
                            .containsEntry("gpu_memory_mb", "81920");
                    break;
                case A100:
                    assertThat(agent.attributes()).containsEntry("gpu_model", "A100")
                            .containsEntry("gpu_memory_mb", "40960");
                    break;
                default:
                    assertThat(agent.attributes()).doesNotContainKey("gpu_model");
            }
            assertThat(agent.capacity().gpus()).isEqualTo(agent.type().hasGpus() ? 8 : 0);
        }
    }

    @Test
    void oneOfferPerAgentWithWhatIsFree() {
        Cluster cluster = new ClusterGenerator(5).generate(300);

        for (AgentOffer offer : cluster.offers()) {
            assertThat(offer.free()).isEqualTo(cluster.free(offer.agentIndex()));
            assertThat(offer.agent()).isEqualTo(cluster.agents().get(offer.agentIndex()));
        }
        assertThat(cluster.offers()).extracting(AgentOffer::agentIndex).doesNotHaveDuplicates();
    }
}
