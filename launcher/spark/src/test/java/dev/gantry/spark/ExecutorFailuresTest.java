package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExecutorFailuresTest {
    @Test
    void launchingStopsAtTheLimitAndSaysSoOnce() {
        ExecutorFailures failures = new ExecutorFailures();
        failures.offered("S0");
        failures.offered("S1");
        failures.offered("S2");
        assertThat(failures.failed("S0", true, 3)).isNull();
        assertThat(failures.failed("S1", true, 3)).isNull();
        assertThat(failures.givenUp()).isFalse();
        assertThat(failures.failed("S2", true, 3)).isEqualTo("3 executor(s) failed (spark.executor.maxNumFailures is 3)");
        assertThat(failures.givenUp()).isTrue();
        assertThat(failures.failed("S2", true, 3)).as("decided once").isNull();
    }

    @Test
    void everyAgentOfferedFailingTwiceStopsLaunchingBeforeTheLimit() {
        ExecutorFailures failures = new ExecutorFailures();
        failures.offered("S0");
        assertThat(failures.failed("S0", true, 10)).isNull();
        assertThat(failures.failed("S0", true, 10)).isEqualTo("executors failed on every agent offered (1 agent(s), 2 failures each)");
        assertThat(failures.perAgent()).containsEntry("S0", 2);
    }

    @Test
    void failuresThatSayNothingOfTheAgentCountOnlyTowardsTheLimit() {
        ExecutorFailures failures = new ExecutorFailures();
        failures.offered("S0");
        assertThat(failures.failed("S0", false, 10)).isNull();
        assertThat(failures.failed("S0", false, 10)).isNull();
        assertThat(failures.failed("S0", false, 10)).isNull();
        assertThat(failures.perAgent()).isEmpty();
        assertThat(failures.givenUp()).isFalse();
    }
}
