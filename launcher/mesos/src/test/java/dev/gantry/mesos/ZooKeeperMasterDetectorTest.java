package dev.gantry.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ZooKeeperMasterDetectorTest {

    /** What a Mesos 1.12 master wrote into its znode here (read with zkCli). */
    private static final String MASTER_INFO = "{\"address\":{\"hostname\":\"localhost\",\"ip\":\"127.0.0.1\","
            + "\"port\":15053},\"capabilities\":[{\"type\":\"AGENT_UPDATE\"}],\"hostname\":\"localhost\","
            + "\"id\":\"69b5da83-909e-4e1b-a57a-6d7246a3bf5a\",\"ip\":16777343,"
            + "\"pid\":\"master@127.0.0.1:15053\",\"port\":15053,\"version\":\"1.12.0\"}";

    @Test
    void aMastersAddressIsItsIpAndPort() throws Exception {
        assertThat(ZooKeeperMasterDetector.address(MASTER_INFO.getBytes(StandardCharsets.UTF_8), "json.info_1"))
                .isEqualTo(URI.create("http://127.0.0.1:15053"));
    }

    @Test
    void withoutAnIpTheHostnameServes() throws Exception {
        byte[] info = "{\"address\":{\"hostname\":\"m1.example\",\"port\":5050}}".getBytes(StandardCharsets.UTF_8);
        assertThat(ZooKeeperMasterDetector.address(info, "json.info_1")).isEqualTo(URI.create("http://m1.example:5050"));
    }

    @Test
    void garbageInAZnodeIsNamed() {
        assertThatThrownBy(() -> ZooKeeperMasterDetector.address("not json".getBytes(StandardCharsets.UTF_8),
                "json.info_0000000007")).isInstanceOf(MasterDetector.MasterDetectionException.class)
                .hasMessageContaining("json.info_0000000007");
        assertThatThrownBy(() -> ZooKeeperMasterDetector.address("{}".getBytes(StandardCharsets.UTF_8), "json.info_1"))
                .hasMessageContaining("no address");
    }

    @Test
    void membersAreTheJsonInfoZnodesOrderedBySequence() {
        assertThat(ZooKeeperMasterDetector.isMember("json.info_0000000002")).isTrue();
        assertThat(ZooKeeperMasterDetector.isMember("log_replicas")).isFalse();
        assertThat(ZooKeeperMasterDetector.isMember("info_0000000001")).isFalse();
        assertThat(ZooKeeperMasterDetector.isMember("json.info_")).isFalse();
        assertThat(ZooKeeperMasterDetector.sequence("json.info_0000000010"))
                .isGreaterThan(ZooKeeperMasterDetector.sequence("json.info_0000000009"));
    }

    @Test
    void anUnreachableZooKeeperIsOneLineNamingTheUrl() throws Exception {
        // A port nothing listens on: the client retries connecting until the bound.
        int port = freePort();
        ZooKeeperUrl url = ZooKeeperUrl.parse("zk://ops:s3cret@127.0.0.1:" + port + "/mesos");
        try (ZooKeeperMasterDetector detector = new ZooKeeperMasterDetector(url, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> detector.candidates(null))
                    .isInstanceOf(MasterDetector.MasterDetectionException.class)
                    .hasMessage("cannot reach ZooKeeper at zk://ops:***@127.0.0.1:" + port + "/mesos within 1 s");
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
