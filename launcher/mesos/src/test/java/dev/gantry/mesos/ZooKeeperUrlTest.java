package dev.gantry.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZooKeeperUrlTest {

    @Test
    void sparkStyleAndMesosStyleUrlsNameTheEnsembleAndThePath() {
        assertThat(ZooKeeperUrl.parse("mesos://zk://zk1:2181,zk2:2181/mesos"))
                .isEqualTo(new ZooKeeperUrl("zk1:2181,zk2:2181", "/mesos", Optional.empty()));
        assertThat(ZooKeeperUrl.parse(" zk://127.0.0.1:2181/a/b/ "))
                .isEqualTo(new ZooKeeperUrl("127.0.0.1:2181", "/a/b", Optional.empty()));
        assertThat(ZooKeeperUrl.parse("ZK://zk1/mesos").connectString()).isEqualTo("zk1");
    }

    @Test
    void credentialsBecomeADigestAndNeverShow() {
        ZooKeeperUrl url = ZooKeeperUrl.parse("zk://ops:s3cret@zk1:2181,zk2:2181/mesos");
        assertThat(url.digest()).contains("ops:s3cret");
        assertThat(url.connectString()).isEqualTo("zk1:2181,zk2:2181");
        assertThat(url.toString()).isEqualTo("zk://ops:***@zk1:2181,zk2:2181/mesos");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zk://zk1:2181", "zk://zk1:2181/", "zk:///mesos", "zk://zk1:2181,,zk2/mesos",
        "zk://zk 1:2181/mesos", "zk://nopassword@zk1/mesos"})
    void malformedUrlsAreRefusedWithTheReason(String spec) {
        assertThatThrownBy(() -> ZooKeeperUrl.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ZooKeeper");
    }

    @Test
    void aRefusalNeverShowsThePassword() {
        assertThatThrownBy(() -> ZooKeeperUrl.parse("zk://ops:s3cret@zk1:2181")).hasMessageContaining("no path")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void onlyZkUrlsAreZooKeeper() {
        assertThat(ZooKeeperUrl.isZooKeeper("mesos://zk://zk1:2181/mesos")).isTrue();
        assertThat(ZooKeeperUrl.isZooKeeper("zk://zk1:2181/mesos")).isTrue();
        assertThat(ZooKeeperUrl.isZooKeeper("mesos://m1:5050")).isFalse();
        assertThat(ZooKeeperUrl.isZooKeeper("http://zk1:5050/zk://")).isFalse();
    }
}
