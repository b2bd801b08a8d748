package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.mesos.AgentFiles;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;

class ExecutorFailureTest {
    private static final TaskStatus FAILED = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("3"))
            .setState(TaskState.TASK_FAILED).setMessage("Command exited with status 1").build();

    /** The shape of a Spark executor's stderr when GPU discovery fails, under Mesos' command executor. */
    private static final List<String> DISCOVERY_FAILED = List.of(
            "I1207 05:03:36.801775  3910 exec.cpp:164] Version: 1.12.0",
            "WARNING: Using incubator modules: jdk.incubator.vector",
            "05:03:37.348 ERROR CoarseGrainedExecutorBackend - Executor self-exiting due to : Unable to create executor",
            "java.lang.IllegalStateException: asked for 1 GPU(s) but found 0: CUDA_VISIBLE_DEVICES is not set",
            "\tat dev.gantry.spark.GpuDiscoveryPlugin.discoverResource(GpuDiscoveryPlugin.java:72) ~[classes/:?]",
            "\tat java.base/java.lang.Thread.run(Thread.java:840) [?:?]",
            "I1207 05:03:37.401648 20910 executor.cpp:1041] Command exited with status 1 (pid: 20925)");

    @Test
    void theRootCauseIsTheLastExceptionNotTheStackOrTheExecutorsOwnLogging() {
        assertThat(ExecutorFailure.rootCause(DISCOVERY_FAILED))
                .isEqualTo("java.lang.IllegalStateException: asked for 1 GPU(s) but found 0: CUDA_VISIBLE_DEVICES is not set");
    }

    @Test
    void theDeepestCauseWins() {
        List<String> nested = List.of("java.lang.RuntimeException: could not start",
                "\tat a.B.c(B.java:1)", "Caused by: java.io.IOException: No space left on device", "\t... 4 more");
        assertThat(ExecutorFailure.rootCause(nested)).isEqualTo("java.io.IOException: No space left on device");
    }

    @Test
    void withoutAnExceptionTheLastPlainLineSpeaks() {
        assertThat(ExecutorFailure.rootCause(List.of("sh: 1: /opt/jdk/bin/java: not found", ""))).isEqualTo(
                "sh: 1: /opt/jdk/bin/java: not found");
        assertThat(ExecutorFailure.rootCause(List.of())).isEmpty();
    }

    @Test
    void theSummaryIsOneLineWithMesosMessageAndTheCause() {
        ExecutorFailure failure = new ExecutorFailure("3", "S0", "node-1", FAILED, DISCOVERY_FAILED);
        assertThat(failure.summary()).doesNotContain("\n").isEqualTo("executor 3 on agent S0 (node-1) ended TASK_FAILED:"
                + " Command exited with status 1; its stderr says: java.lang.IllegalStateException: asked for 1 GPU(s)"
                + " but found 0: CUDA_VISIBLE_DEVICES is not set");
        assertThat(failure.details()).startsWith(failure.summary()).contains("stderr (last 7 lines)")
                .contains("GpuDiscoveryPlugin.java:72");
        assertThat(new ExecutorFailure("3", "S0", "node-1", FAILED, List.of()).details())
                .isEqualTo("executor 3 on agent S0 (node-1) ended TASK_FAILED: Command exited with status 1");
    }

    @Test
    void aReadThatStartsMidFileDropsItsCutFirstLine() {
        assertThat(AgentFiles.lines("ne cut\nwhole\nlast\n\n", true)).containsExactly("whole", "last");
        assertThat(AgentFiles.lines("first\nlast", false)).containsExactly("first", "last");
        assertThat(AgentFiles.sandboxPath("F-1", "7", "stderr")).isEqualTo("/frameworks/F-1/executors/7/runs/latest/stderr");
    }

    @Test
    void aTaskLostTheMasterMadeUpDoesNotCountAgainstTheAgent() {
        TaskStatus.Builder lost = FAILED.toBuilder().setState(TaskState.TASK_LOST);
        assertThat(ExecutorStatuses.failedOnItsAgent(lost.setSource(TaskStatus.Source.SOURCE_MASTER).build())).isFalse();
        assertThat(ExecutorStatuses.failedOnItsAgent(lost.setSource(TaskStatus.Source.SOURCE_AGENT).build())).isTrue();
        assertThat(ExecutorStatuses.failedOnItsAgent(FAILED)).isTrue();
        assertThat(ExecutorStatuses.failedOnItsAgent(FAILED.toBuilder().setState(TaskState.TASK_KILLED).build()))
                .isFalse();
    }

    @Test
    void explicitReconciliationNamesEachExecutorWithItsAgent() {
        java.util.Map<String, org.apache.mesos.v1.Protos.AgentID> known = new java.util.LinkedHashMap<>();
        known.put("0", org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("S0").build());
        known.put("3", org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("S1").build());
        assertThat(Reconciliation.explicit(known)).extracting(t -> t.getTaskId().getValue() + "@" + t.getAgentId().getValue())
                .containsExactly("0@S0", "3@S1");
    }
}
