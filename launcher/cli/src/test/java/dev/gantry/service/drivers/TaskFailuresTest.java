package dev.gantry.service.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TaskStatus.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskFailuresTest {
    private static TaskStatus status(TaskState state, String message, Reason reason) {
        TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("driver-j-1"))
                .setState(state).setMessage(message);
        if (reason != null) {
            status.setReason(reason);
        }
        return status.build();
    }

    @Test
    void exitTwoIsBadInputAndNeverRetryable() {
        TaskStatus failed = status(TaskState.TASK_FAILED, "Command exited with status 2",
                Reason.REASON_COMMAND_EXECUTOR_FAILED);
        assertThat(TaskFailures.classify(failed, false)).isEqualTo(FailureKind.BAD_INPUT);
        assertThat(FailureKind.BAD_INPUT.retryable()).isFalse();
        assertThat(TaskFailures.exitCode(failed.getMessage())).hasValue(2);
    }

    @Test
    void otherExitsAndSignalsAreRetryableDriverFailures() {
        for (String message : new String[] {"Command exited with status 1", "Command exited with status 137",
            "Command terminated with signal Killed", ""}) {
            assertThat(TaskFailures.classify(status(TaskState.TASK_FAILED, message,
                    Reason.REASON_COMMAND_EXECUTOR_FAILED), false)).as(message).isEqualTo(FailureKind.DRIVER_FAILED);
        }
        assertThat(FailureKind.DRIVER_FAILED.retryable()).isTrue();
        assertThat(TaskFailures.exitCode("Command terminated with signal Killed")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"TASK_LOST", "TASK_GONE", "TASK_UNREACHABLE", "TASK_DROPPED",
        "TASK_GONE_BY_OPERATOR", "TASK_UNKNOWN"})
    void aLostAgentOrTaskIsRetryable(TaskState state) {
        assertThat(TaskFailures.classify(status(state, "", Reason.REASON_RECONCILIATION), false))
                .isEqualTo(FailureKind.AGENT_LOST);
    }

    @Test
    void aFailureBecauseTheAgentOrExecutorWentAwayIsAnAgentLossUnlessTheDriverSaidBadInput() {
        assertThat(TaskFailures.classify(status(TaskState.TASK_FAILED, "Command exited with status 2",
                Reason.REASON_AGENT_REMOVED), false)).isEqualTo(FailureKind.BAD_INPUT);
        assertThat(TaskFailures.classify(status(TaskState.TASK_FAILED, "Executor terminated",
                Reason.REASON_EXECUTOR_TERMINATED), false)).isEqualTo(FailureKind.AGENT_LOST);
        assertThat(TaskFailures.classify(status(TaskState.TASK_KILLED, "", Reason.REASON_AGENT_DRAINING), false))
                .isEqualTo(FailureKind.AGENT_LOST);
    }

    @Test
    void aKillIsAFailureOnlyWhenTheServiceDidNotAskForIt() {
        TaskStatus killed = status(TaskState.TASK_KILLED, "Command terminated with signal Terminated", null);
        assertThat(TaskFailures.classify(killed, true)).isEqualTo(FailureKind.NONE);
        assertThat(TaskFailures.classify(killed, false)).isEqualTo(FailureKind.KILLED_ELSEWHERE);
        assertThat(TaskFailures.classify(status(TaskState.TASK_LOST, "Attempted to kill an unknown task", null), true))
                .isEqualTo(FailureKind.NONE);
    }

    @Test
    void aTaskMesosRefusedIsNotRetriedAndRunningOrFinishedIsNoFailure() {
        assertThat(TaskFailures.classify(status(TaskState.TASK_ERROR, "invalid", Reason.REASON_TASK_INVALID), false))
                .isEqualTo(FailureKind.TASK_INVALID);
        assertThat(FailureKind.TASK_INVALID.retryable()).isFalse();
        assertThat(TaskFailures.classify(status(TaskState.TASK_RUNNING, "", null), false)).isEqualTo(FailureKind.NONE);
        assertThat(TaskFailures.classify(status(TaskState.TASK_FINISHED, "Command exited with status 0", null), true))
                .isEqualTo(FailureKind.NONE);
    }
}
