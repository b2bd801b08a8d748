package dev.gantry.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MasterAddressesTest {

    @ParameterizedTest
    @CsvSource({
        "mesos://m1:5050, http://m1:5050",
        "mesos://m1, http://m1:5050",
        "http://m1:8080, http://m1:8080",
        "https://m1:5050/, https://m1:5050",
        "HTTP://m1:5050, http://m1:5050",
        "m1:5050, http://m1:5050",
        "http://m1:5050/api/v1/scheduler, http://m1:5050",
        "http://proxy/mesos, http://proxy/mesos",
        "mesos://[::1]:5050, http://[::1]:5050",
    })
    void oneMasterBecomesAnHttpBase(String spec, String base) {
        assertThat(MasterAddresses.parse(spec)).containsExactly(URI.create(base));
    }

    @Test
    void aZooKeeperPasswordNeverReachesWhatIsPrinted() {
        assertThat(MasterAddresses.printable("mesos://zk://gantry:s3cret@zk1:2181,zk2:2181/mesos"))
                .isEqualTo("mesos://zk://gantry:***@zk1:2181,zk2:2181/mesos");
        assertThat(MasterAddresses.printable("mesos://m1:5050,m2:5050")).isEqualTo("mesos://m1:5050,m2:5050");
    }

    @Test
    void aListKeepsItsOrderAndSchemes() {
        assertThat(MasterAddresses.parse("mesos://m1:5050, m2:5051,https://m3:5050"))
                .containsExactly(URI.create("http://m1:5050"), URI.create("http://m2:5051"),
                        URI.create("https://m3:5050"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zk://zk1:2181,zk2:2181/mesos", "mesos://zk://zk1:2181/mesos", "ZK://zk1:2181/mesos"})
    void zooKeeperIsNoAddressList(String spec) {
        assertThatThrownBy(() -> MasterAddresses.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a ZooKeeper URL names no master address by itself");
    }

    @Test
    void malformedAddressesAreRefused() {
        assertThatThrownBy(() -> MasterAddresses.parse("ftp://m1:21")).hasMessageContaining("ftp://");
        assertThatThrownBy(() -> MasterAddresses.parse("mesos://m1:5050,,m2:5050")).hasMessageContaining("empty");
        assertThatThrownBy(() -> MasterAddresses.parse(" ")).hasMessageContaining("mesos://host:5050");
        assertThatThrownBy(() -> MasterAddresses.parse("http://user:hunter2@m1:5050"))
                .hasMessageContaining("Credential").hasMessageNotContaining("hunter2");
    }

    @Test
    void aProtocolRelativeLocationKeepsTheScheme() {
        URI endpoint = URI.create("https://m1:5050/api/v1/scheduler");
        assertThat(MasterAddresses.redirect(endpoint, "//m2:5051/api/v1/scheduler"))
                .isEqualTo(URI.create("https://m2:5051/api/v1/scheduler"));
        assertThat(MasterAddresses.redirect(endpoint, "http://m3:5050/api/v1/scheduler"))
                .isEqualTo(URI.create("http://m3:5050/api/v1/scheduler"));
        assertThatThrownBy(() -> MasterAddresses.redirect(endpoint, "http:///api/v1/scheduler"))
                .hasMessageContaining("no host");
    }

    @Test
    void endpointAndBaseAreInverse() {
        URI base = URI.create("http://m1:5050");
        assertThat(MasterAddresses.endpoint(base)).isEqualTo(URI.create("http://m1:5050/api/v1/scheduler"));
        assertThat(MasterAddresses.baseOf(MasterAddresses.endpoint(base))).isEqualTo(base);
    }
}
