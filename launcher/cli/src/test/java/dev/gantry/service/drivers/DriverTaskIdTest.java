package dev.gantry.service.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DriverTaskIdTest {
    @Test
    void encodesTheJobAndTheAttemptAndReadsThemBack() {
        DriverTaskId id = DriverTaskId.of("team-a.mnist_2", 3);
        assertThat(id.value()).isEqualTo("driver-team-a.mnist_2-3");
        assertThat(DriverTaskId.parse(id.value())).contains(id);
    }

    @Test
    void otherTaskIdsAreNotDriverTasks() {
        assertThat(DriverTaskId.parse("check-agent-1-0")).isEmpty();
        assertThat(DriverTaskId.parse("driver-job")).isEmpty();
        assertThat(DriverTaskId.parse("driver-job-")).isEmpty();
        assertThat(DriverTaskId.parse("driver--1")).isEmpty();
        assertThat(DriverTaskId.parse("driver-job-01")).isEmpty();
        assertThat(DriverTaskId.parse("driver-job-x")).isEmpty();
        assertThat(DriverTaskId.parse("driver-job-99999999999")).isEmpty();
        assertThat(DriverTaskId.parse(null)).isEmpty();
    }

    @Test
    void refusesJobIdsThatCannotBeReadBackAndAttemptsBelowOne() {
        assertThatThrownBy(() -> DriverTaskId.of("a b", 1)).hasMessageContaining("job id 'a b'");
        assertThatThrownBy(() -> DriverTaskId.of("-a", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DriverTaskId.of("a", 0)).hasMessageContaining("attempt 0");
    }
}
