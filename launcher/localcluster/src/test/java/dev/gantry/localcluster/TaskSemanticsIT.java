package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded master's Mesos semantics for tasks and executors running as real processes: GPU
 * devices, kills, shared executors, fetched URIs, task groups and status updates.
 */
class TaskSemanticsIT {
    @RegisterExtension
    final OpenClusters clusters = new OpenClusters();

    @TempDir
    Path temp;

    @Test
    void aTwoGpuTaskSeesTwoDistinctDevicesAndTheNextTaskGetsTheRest() throws Exception {
        LocalCluster cluster = clusters.cluster(s -> s.agent(AgentSpec.builder().cpus(4).memMb(4096).gpus(4).build()));
        RawScheduler scheduler = clusters.subscribe(cluster, RawScheduler.framework("gpus", true).build());
        Offer offer = scheduler.offers().get(0);
        assertThat(offer.getResourcesList()).anyMatch(r -> r.getName().equals("gpus") && r.getScalar().getValue() == 4);
        scheduler.call(TaskInfos.launch(offer,
                TaskInfos.shell("two", offer.getAgentId(), "echo $CUDA_VISIBLE_DEVICES/$NVIDIA_VISIBLE_DEVICES", 1, 64, 2, "*"),
                TaskInfos.shell("one", offer.getAgentId(), "echo $CUDA_VISIBLE_DEVICES", 1, 64, 1, "*"),
                TaskInfos.shell("none", offer.getAgentId(), "echo [$CUDA_VISIBLE_DEVICES]", 1, 64, 0, "*")));
        scheduler.ackUntil("two", TaskState.TASK_FINISHED);
        scheduler.ackUntil("one", TaskState.TASK_FINISHED);
        scheduler.ackUntil("none", TaskState.TASK_FINISHED);
        assertThat(stdout(cluster, "two").trim()).isEqualTo("0,1/0,1");
        assertThat(stdout(cluster, "one").trim()).isEqualTo("2");
        // A task without GPUs sees none, as the devices cgroup would hide them.
        assertThat(stdout(cluster, "none").trim()).isEqualTo("[]");
    }

    @Test
    void updatesAreResentUntilAcknowledged() throws Exception {
        LocalCluster cluster = clusters.cluster(s -> s.agent(AgentSpec.builder().build()));
        RawScheduler scheduler = clusters.subscribe(cluster, RawScheduler.framework("acks", false).build());
        Offer offer = scheduler.offers().get(0);
        scheduler.call(TaskInfos.launch(offer, TaskInfos.shell("t", offer.getAgentId(), "sleep 5", 1, 64, 0, "*")));
        TaskStatus first = scheduler.update("t", TaskState.TASK_STARTING);
        TaskStatus again = scheduler.update("t", TaskState.TASK_STARTING);
        assertThat(again.getUuid()).isEqualTo(first.getUuid());
        assertThat(first.getUuid().size()).isEqualTo(16);
        scheduler.acknowledge(first);
        assertThat(scheduler.update("t", TaskState.TASK_RUNNING).getUuid()).isNotEqualTo(first.getUuid());
    }

    @Test
    void killSendsSigtermThenSigkillAfterTheGracePeriod() throws Exception {
        LocalCluster cluster = clusters.cluster(s -> s.agent(AgentSpec.builder().build()));
        RawScheduler scheduler = clusters.subscribe(cluster, RawScheduler.framework("kill", false).build());
        Offer offer = scheduler.offers().get(0);
        scheduler.call(TaskInfos.launch(offer,
                TaskInfos.shell("polite", offer.getAgentId(), "exec sleep 60", 0.5, 64, 0, "*"),
                TaskInfos.shell("stubborn", offer.getAgentId(), "trap '' TERM; while true; do sleep 0.1; done", 0.5, 64, 0, "*")));
        scheduler.ackUntil("polite", TaskState.TASK_RUNNING);
        scheduler.ackUntil("stubborn", TaskState.TASK_RUNNING);
        for (String id : List.of("polite", "stubborn")) {
            scheduler.call(Call.newBuilder().setType(Call.Type.KILL).setKill(Call.Kill.newBuilder()
                    .setTaskId(TaskID.newBuilder().setValue(id)).setAgentId(offer.getAgentId())));
        }
        assertThat(scheduler.ackUntil("polite", TaskState.TASK_KILLED).getMessage())
                .isEqualTo("Command terminated with signal Terminated");
        assertThat(scheduler.ackUntil("stubborn", TaskState.TASK_KILLED).getMessage()).contains("signal");
        JsonNode agent = cluster.state().json().path("agents").get(0);
        assertThat(agent.path("used_resources").path("cpus").asDouble()).isZero();
    }

    /**
     * A real master charges an executor's resources once per executor id on an agent: two tasks of
     * cpus 0.5 sharing an executor of cpus 0.5 used 1.5 cpus there, not 2.
     */
    @Test
    void tasksSharingAnExecutorChargeItsResourcesOnce() throws Exception {
        LocalCluster cluster = clusters.cluster(s -> s.agent(AgentSpec.builder().cpus(4).memMb(1024).build()));
        RawScheduler scheduler = clusters.subscribe(cluster, RawScheduler.framework("shared", false).build());
        Offer offer = scheduler.offers().get(0);
        ExecutorInfo executor = ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue("shared"))
                .setCommand(CommandInfo.newBuilder().setShell(true).setValue("sleep 30"))
                .addResources(TaskInfos.scalar("cpus", 1, "*")).addResources(TaskInfos.scalar("mem", 128, "*")).build();
        Call.Builder accept = TaskInfos.launch(offer,
                TaskInfos.shell("a", offer.getAgentId(), "unused", 1, 128, 0, "*").toBuilder()
                        .clearCommand().setExecutor(executor).build(),
                TaskInfos.shell("b", offer.getAgentId(), "unused", 1, 128, 0, "*").toBuilder()
                        .clearCommand().setExecutor(executor).build());
        accept.getAcceptBuilder().setFilters(Filters.newBuilder().setRefuseSeconds(0));
        scheduler.call(accept);
        scheduler.ackUntil("a", TaskState.TASK_RUNNING);
        scheduler.ackUntil("b", TaskState.TASK_RUNNING);
        // 4 - (1 executor + 1 + 1) = 1 cpu and 1024 - 384 = 640 MB left.
        Offer rest = scheduler.offers().get(0);
        assertThat(rest.getResourcesList()).anyMatch(r -> r.getName().equals("cpus") && r.getScalar().getValue() == 1);
        assertThat(rest.getResourcesList()).anyMatch(r -> r.getName().equals("mem") && r.getScalar().getValue() == 640);
        JsonNode used = cluster.state().json().path("agents").get(0).path("used_resources");
        assertThat(used.path("cpus").asDouble()).isEqualTo(3);
        assertThat(used.path("mem").asDouble()).isEqualTo(384);
        // The running executor takes a third task that fits without the executor's resources.
        Call.Builder third = TaskInfos.launch(rest, TaskInfos.shell("c", rest.getAgentId(), "unused", 1, 128, 0, "*")
                .toBuilder().clearCommand().setExecutor(executor).build());
        third.getAcceptBuilder().setFilters(Filters.newBuilder().setRefuseSeconds(0));
        scheduler.call(third);
        scheduler.ackUntil("c", TaskState.TASK_RUNNING);
        for (String task : new String[] {"a", "b", "c"}) {
            scheduler.call(Call.newBuilder().setType(Call.Type.KILL).setKill(Call.Kill.newBuilder()
                    .setTaskId(TaskID.newBuilder().setValue(task)).setAgentId(rest.getAgentId())));
            scheduler.ackUntil(task, TaskState.TASK_KILLED);
        }
        // With its last task gone the executor ends and everything comes back.
        JsonNode agent = cluster.state().json().path("agents").get(0);
        assertThat(agent.path("used_resources").path("cpus").asDouble()).isZero();
        assertThat(agent.path("used_resources").path("mem").asDouble()).isZero();
    }

    /** GPUs in an executor's resources are its container's: every task of it sees them, once taken. */
    @Test
    void anExecutorsGpusAreSeenByEachOfItsTasks() throws Exception {
        LocalCluster cluster = clusters.cluster(s -> s.agent(AgentSpec.builder().cpus(4).memMb(1024).gpus(2).build()));
        RawScheduler scheduler = clusters.subscribe(cluster, RawScheduler.framework("gpu-executor", true).build());
        Offer offer = scheduler.offers().get(0);
        ExecutorInfo executor = ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue("gpu"))
                .setCommand(CommandInfo.newBuilder().setShell(true).setValue("echo $CUDA_VISIBLE_DEVICES"))
                .addResources(TaskInfos.scalar("cpus", 1, "*")).addResources(TaskInfos.scalar("gpus", 1, "*")).build();
        scheduler.call(TaskInfos.launch(offer,
                TaskInfos.shell("shares", offer.getAgentId(), "unused", 1, 64, 0, "*").toBuilder()
                        .clearCommand().setExecutor(executor).build(),
                TaskInfos.shell("adds", offer.getAgentId(), "unused", 1, 64, 1, "*").toBuilder()
                        .clearCommand().setExecutor(executor).build()));
        scheduler.ackUntil("shares", TaskState.TASK_FINISHED);
        scheduler.ackUntil("adds", TaskState.TASK_FINISHED);
        assertThat(stdout(cluster, "shares").strip()).isEqualTo("0");
        assertThat(stdout(cluster, "adds").strip()).isEqualTo("0,1");
    }

    @Test
    void urisAreFetchedIntoTheSandboxAndArgvCommandsRun() throws Exception {
        LocalCluster cluster = clusters.cluster(s -> s.agent(AgentSpec.builder().build()));
        RawScheduler scheduler = clusters.subscribe(cluster, RawScheduler.framework("fetch", false).build());
        Path script = temp.resolve("hello.sh");
        Files.writeString(script, "#!/bin/sh\necho hello from \"$1\"\n");
        Offer offer = scheduler.offers().get(0);
        TaskInfo task = TaskInfos.shell("argv", offer.getAgentId(), "unused", 1, 64, 0, "*").toBuilder()
                .setCommand(CommandInfo.newBuilder().setShell(false).setValue("./hello.sh")
                        .addArguments("hello.sh").addArguments("the sandbox")
                        .addUris(CommandInfo.URI.newBuilder().setValue(script.toString()).setExecutable(true)))
                .build();
        scheduler.call(TaskInfos.launch(offer, task));
        scheduler.ackUntil("argv", TaskState.TASK_FINISHED);
        assertThat(stdout(cluster, "argv").trim()).isEqualTo("hello from the sandbox");
    }

    @Test
    void aFailedTaskInAGroupKillsItsSiblings() throws Exception {
        LocalCluster cluster = clusters.cluster(s -> s.agent(AgentSpec.builder().build()));
        RawScheduler scheduler = clusters.subscribe(cluster, RawScheduler.framework("group", false).build());
        Offer offer = scheduler.offers().get(0);
        ExecutorInfo executor = ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.DEFAULT)
                .setExecutorId(ExecutorID.newBuilder().setValue("default"))
                .setFrameworkId(scheduler.frameworkId)
                .addResources(TaskInfos.scalar("cpus", 0.1, "*")).addResources(TaskInfos.scalar("mem", 32, "*"))
                .build();
        TaskGroupInfo group = TaskGroupInfo.newBuilder()
                .addTasks(TaskInfos.shell("worker", offer.getAgentId(), "sleep 60", 0.5, 64, 0, "*"))
                .addTasks(TaskInfos.shell("crasher", offer.getAgentId(), "sleep 0.5; exit 3", 0.5, 64, 0, "*"))
                .build();
        scheduler.call(Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
                .addOfferIds(offer.getId()).addOperations(Offer.Operation.newBuilder()
                        .setType(Offer.Operation.Type.LAUNCH_GROUP)
                        .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder().setExecutor(executor).setTaskGroup(group)))));
        TaskStatus failed = scheduler.ackUntil("crasher", TaskState.TASK_FAILED);
        assertThat(failed.getMessage()).isEqualTo("Command exited with status 3");
        assertThat(failed.getExecutorId().getValue()).isEqualTo("default");
        scheduler.ackUntil("worker", TaskState.TASK_KILLED);
        OpenClusters.awaitIdle(cluster);
    }

    private static String stdout(LocalCluster cluster, String taskId) throws Exception {
        return Files.readString(cluster.sandbox(taskId).orElseThrow().resolve("stdout"));
    }
}
