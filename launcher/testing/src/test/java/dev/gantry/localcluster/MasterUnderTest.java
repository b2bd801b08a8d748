package dev.gantry.localcluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.testing.MesosBundle;
import dev.gantry.testing.RealMesosCluster;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A master and agents for the scenario suite: the embedded cluster, or real Apache Mesos started
 * from the bundle. Both get the same agents and the same framework credentials.
 */
interface MasterUnderTest extends AutoCloseable {
    URI uri();

    /** The agents' ids, in the order they were declared. */
    List<String> agentIds() throws Exception;

    static MasterUnderTest embedded(List<AgentSpec> agents, Map<String, String> credentials) throws Exception {
        ClusterSpec.Builder spec = ClusterSpec.builder().simulateGpus(true)
                .allocationInterval(Duration.ofMillis(200))
                .credentials(FrameworkCredentials.of(credentials));
        agents.forEach(spec::agent);
        LocalCluster cluster = LocalCluster.start(spec.build());
        return new MasterUnderTest() {
            @Override
            public URI uri() {
                return cluster.uri();
            }

            @Override
            public List<String> agentIds() {
                return cluster.agents().stream().map(LocalCluster.AgentView::id).toList();
            }

            @Override
            public void close() {
                cluster.close();
            }
        };
    }

    static MasterUnderTest real(List<AgentSpec> agents, Map<String, String> credentials, Path workDir) throws Exception {
        MesosBundle bundle = MesosBundle.require();
        RealMesosCluster.Builder builder = RealMesosCluster.builder(bundle, workDir);
        agents.forEach(builder::agent);
        if (!credentials.isEmpty()) {
            Path file = workDir.resolve("credentials.json");
            Files.createDirectories(workDir);
            Files.writeString(file, new ObjectMapper().writeValueAsString(Map.of("credentials",
                    credentials.entrySet().stream().map(e -> Map.of("principal", e.getKey(), "secret", e.getValue())).toList())));
            builder.masterFlag("authenticate_frameworks", "").masterFlag("authenticate_http_frameworks", "")
                    .masterFlag("http_framework_authenticators", "basic").masterFlag("credentials", file.toString());
        }
        RealMesosCluster cluster = builder.start();
        return new MasterUnderTest() {
            @Override
            public URI uri() {
                return cluster.uri();
            }

            @Override
            public List<String> agentIds() throws Exception {
                return cluster.agentIds();
            }

            @Override
            public void close() {
                cluster.close();
            }
        };
    }
}
