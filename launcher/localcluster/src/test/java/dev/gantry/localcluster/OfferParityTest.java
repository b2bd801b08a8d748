package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.protocol.MediaType;
import java.time.Duration;
import org.apache.mesos.v1.Protos.Offer;
import org.junit.jupiter.api.Test;

/** What every offer carries and how long it lives, as a real Mesos 1.x master gives it. */
class OfferParityTest {

    /**
     * A real master fills {@code Offer.url} with the agent's address, e.g. {@code {"scheme":"http",
     * "address":{"hostname":"localhost","ip":"127.0.0.1","port":5051},"path":"/slave(1)"}};
     * clients dereference it (the npm mesos-framework client crashes without it).
     */
    @Test
    void everyOfferCarriesTheAgentsUrl() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder()
                .agents(2, AgentSpec.builder().cpus(1).memMb(256).build()).build());
             RawScheduler scheduler = new RawScheduler(cluster.uri(), MediaType.JSON)) {
            scheduler.subscribe(RawScheduler.framework("url", false).build());
            java.util.List<Offer> offers = new java.util.ArrayList<>(scheduler.offers());
            while (offers.size() < 2) {
                offers.addAll(scheduler.offers());
            }
            for (Offer offer : offers) {
                assertThat(offer.hasUrl()).isTrue();
                assertThat(offer.getUrl().getScheme()).isEqualTo("http");
                assertThat(offer.getUrl().getAddress().getIp()).isEqualTo("127.0.0.1");
                assertThat(offer.getUrl().getAddress().getHostname()).isEqualTo(offer.getHostname());
                assertThat(offer.getUrl().getAddress().getPort()).isEqualTo(cluster.port());
                assertThat(offer.getUrl().getPath()).startsWith("/");
            }
            assertThat(offers.get(0).getUrl().getPath()).isNotEqualTo(offers.get(1).getUrl().getPath());
        }
    }

    /** A real master started without {@code --offer_timeout} has none: its /state flags lack the key. */
    @Test
    void thereIsNoOfferTimeoutUnlessOneIsSet() {
        assertThat(ClusterSpec.builder().agent(AgentSpec.builder().build()).build().offerTimeout()).isNull();
        assertThat(ClusterSpec.builder().agent(AgentSpec.builder().build()).offerTimeout(Duration.ofSeconds(5))
                .build().offerTimeout()).isEqualTo(Duration.ofSeconds(5));
    }
}
