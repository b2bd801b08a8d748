package dev.gantry.service.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SupervisionPolicyTest {
    private final SupervisionPolicy policy = new SupervisionPolicy(5, Duration.ofSeconds(10), Duration.ofSeconds(60));

    @Test
    void retryableFailuresAreRelaunchedAsTheNextAttemptAfterADoublingCappedBackoff() {
        assertThat(policy.decide(FailureKind.AGENT_LOST, 1))
                .isEqualTo(new SupervisionPolicy.Relaunch(2, Duration.ofSeconds(10)));
        assertThat(policy.decide(FailureKind.DRIVER_FAILED, 2))
                .isEqualTo(new SupervisionPolicy.Relaunch(3, Duration.ofSeconds(20)));
        assertThat(policy.decide(FailureKind.KILLED_ELSEWHERE, 3))
                .isEqualTo(new SupervisionPolicy.Relaunch(4, Duration.ofSeconds(40)));
        assertThat(policy.decide(FailureKind.AGENT_LOST, 4))
                .isEqualTo(new SupervisionPolicy.Relaunch(5, Duration.ofSeconds(60)));
        assertThat(new SupervisionPolicy(100, Duration.ofSeconds(1), Duration.ofMinutes(5)).backoff(99))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        assertThat(policy.decide(FailureKind.AGENT_LOST, 5)).isInstanceOfSatisfying(SupervisionPolicy.GiveUp.class,
                g -> assertThat(g.reason()).contains("attempt 5 of 5"));
        assertThat(new SupervisionPolicy(1, Duration.ZERO, Duration.ZERO).decide(FailureKind.DRIVER_FAILED, 1))
                .isInstanceOf(SupervisionPolicy.GiveUp.class);
    }

    @Test
    void badInputAndInvalidTasksAreNeverRetried() {
        assertThat(policy.decide(FailureKind.BAD_INPUT, 1)).isInstanceOfSatisfying(SupervisionPolicy.GiveUp.class,
                g -> assertThat(g.reason()).contains("bad input", "exited 2"));
        assertThat(policy.decide(FailureKind.TASK_INVALID, 1)).isInstanceOf(SupervisionPolicy.GiveUp.class);
    }

    @Test
    void anAttemptThatDidNotFailHasNoDecision() {
        assertThatThrownBy(() -> policy.decide(FailureKind.NONE, 1)).hasMessageContaining("did not fail");
        assertThatThrownBy(() -> new SupervisionPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SupervisionPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
