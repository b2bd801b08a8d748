package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.protocol.MediaType;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which FrameworkInfo changes a resubscription or UPDATE_FRAMEWORK may make, as a real Mesos 1.x
 * master decides (checked against ../shared/mesos): a new principal is refused (ERROR event, stream
 * closed); a new user or checkpoint is accepted on resubscription but not applied (MESOS-703), and
 * refused by UPDATE_FRAMEWORK with 400; everything else (name, hostname, ...) is applied.
 */
class ResubscribeTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private LocalCluster cluster;
    private FrameworkInfo original;

    @BeforeEach
    void start() throws Exception {
        cluster = LocalCluster.start(ClusterSpec.builder().agent(AgentSpec.builder().cpus(1).memMb(256).build()).build());
        RawScheduler first = scheduler();
        first.subscribe(RawScheduler.framework("before", false).setPrincipal("p1").setFailoverTimeout(60).build());
        original = RawScheduler.framework("before", false).setPrincipal("p1").setFailoverTimeout(60)
                .setId(first.frameworkId).build();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        cluster.close();
    }

    private RawScheduler scheduler() {
        RawScheduler scheduler = new RawScheduler(cluster.uri(), MediaType.JSON);
        open.add(scheduler);
        return scheduler;
    }

    private JsonNode framework() {
        return cluster.state().json().path("frameworks").get(0);
    }

    @Test
    void aNewPrincipalIsRefusedWithAnErrorEvent() {
        assertThatThrownBy(() -> scheduler().subscribe(original.toBuilder().setPrincipal("p2").build()))
                .hasMessageContaining("ERROR").hasMessageContaining("principal is not allowed.");
        assertThatThrownBy(() -> scheduler().subscribe(original.toBuilder().clearPrincipal().build()))
                .hasMessageContaining("principal is not allowed.");
        assertThat(framework().path("principal").asText()).isEqualTo("p1");
    }

    @Test
    void aNewUserOrCheckpointIsAcceptedButNotAppliedOnResubscription() throws Exception {
        scheduler().subscribe(original.toBuilder().setUser("someone-else").setCheckpoint(true).setName("after").build());
        JsonNode framework = framework();
        assertThat(framework.path("name").asText()).isEqualTo("after");
        assertThat(framework.path("user").asText()).isEqualTo("tester");
        assertThat(framework.path("checkpoint").asBoolean()).isFalse();
        assertThat(framework.path("connected").asBoolean()).isTrue();
    }

    @Test
    void updateFrameworkRefusesANewPrincipalUserOrCheckpoint() throws Exception {
        RawScheduler again = scheduler();
        again.subscribe(original);
        String[][] cases = {
            {"principal", "FrameworkInfo update is not valid: Changing framework's principal is not allowed."},
            {"user", "FrameworkInfo update is not valid: Updating 'FrameworkInfo.user' is unsupported;"
                    + " attempted to update from 'tester' to 'nobody'"},
            {"checkpoint", "FrameworkInfo update is not valid: Updating 'FrameworkInfo.checkpoint' is unsupported;"
                    + " attempted to update from 'false' to 'true'"},
        };
        for (String[] c : cases) {
            FrameworkInfo.Builder info = original.toBuilder();
            switch (c[0]) {
                case "principal" -> info.setPrincipal("p2");
                case "user" -> info.setUser("nobody");
                default -> info.setCheckpoint(true);
            }
            HttpResponse<String> response = again.call(Call.newBuilder().setType(Call.Type.UPDATE_FRAMEWORK)
                    .setUpdateFramework(Call.UpdateFramework.newBuilder().setFrameworkInfo(info)));
            assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(response.body()).as(c[0]).isEqualTo(c[1]);
        }
        HttpResponse<String> renamed = again.call(Call.newBuilder().setType(Call.Type.UPDATE_FRAMEWORK)
                .setUpdateFramework(Call.UpdateFramework.newBuilder().setFrameworkInfo(original.toBuilder().setName("new"))));
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(framework().path("name").asText()).isEqualTo("new");
    }
}
