package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameworkLossTest {
    @Test
    void aRemovedFrameworkIsSaidToBeTornDown() {
        assertThat(FrameworkLoss.describe("the master sent ERROR: Framework has been removed",
                "Framework has been removed", "mesos://m:5050", "F-0001"))
                .startsWith("Mesos framework F-0001 was torn down: the master at mesos://m:5050 has removed it")
                .contains("gantry kill", "spark.mesos.driver.failoverTimeout");
    }

    @Test
    void anyOtherLossKeepsTheClientsReason() {
        assertThat(FrameworkLoss.describe("the master sent ERROR: Framework failed over", "Framework failed over",
                "mesos://m:5050", "F-0001"))
                .isEqualTo("lost the Mesos master at mesos://m:5050 for good (the master sent ERROR: Framework failed over)");
    }
}
