package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.protocol.MediaType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.AttributeConstraint;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.apache.mesos.v1.scheduler.Protos.OfferConstraints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded master's Mesos semantics, with tasks running as real processes. */
class MasterSemanticsIT {
    private final List<AutoCloseable> open = new ArrayList<>();

    @TempDir
    Path temp;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private LocalCluster cluster(Consumer<ClusterSpec.Builder> setup) throws Exception {
        ClusterSpec.Builder spec = ClusterSpec.builder().simulateGpus(true)
                .statusUpdateRetryInterval(Duration.ofMillis(300))
                .killGracePeriod(Duration.ofMillis(500))
                .allocationInterval(Duration.ofMillis(100));
        setup.accept(spec);
        LocalCluster cluster = LocalCluster.start(spec.build());
        open.add(cluster);
        return cluster;
    }

    private RawScheduler subscribe(LocalCluster cluster, FrameworkInfo info) throws Exception {
        RawScheduler scheduler = new RawScheduler(cluster.uri(), MediaType.PROTOBUF);
        open.add(scheduler);
        scheduler.subscribe(info);
        return scheduler;
    }

    private static String stdout(LocalCluster cluster, String taskId) throws Exception {
        return Files.readString(cluster.sandbox(taskId).orElseThrow().resolve("stdout"));
    }

    @Test
    void aTwoGpuTaskSeesTwoDistinctDevicesAndTheNextTaskGetsTheRest() throws Exception {
        LocalCluster cluster = cluster(s -> s.agent(AgentSpec.builder().cpus(4).memMb(4096).gpus(4).build()));
        RawScheduler scheduler = subscribe(cluster, RawScheduler.framework("gpus", true).build());
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
    void invalidTasksAreRejectedAsMesosDoes() throws Exception {
        LocalCluster cluster = cluster(s -> s.agent(AgentSpec.builder().cpus(2).memMb(512).build()));
        RawScheduler scheduler = subscribe(cluster, RawScheduler.framework("invalid", false).build());
        Offer offer = scheduler.offers().get(0);
        scheduler.call(TaskInfos.launch(offer,
                TaskInfos.shell("big", offer.getAgentId(), "true", 3, 64, 0, "*"),
                TaskInfos.shell("dup", offer.getAgentId(), "sleep 30", 0.5, 64, 0, "*"),
                TaskInfos.shell("dup", offer.getAgentId(), "sleep 30", 0.5, 64, 0, "*"),
                TaskInfos.shell("other-role", offer.getAgentId(), "true", 0.5, 64, 0, "ml")));
        assertThat(scheduler.update("big", TaskState.TASK_ERROR).getMessage()).contains("is more than available");
        assertThat(scheduler.update("dup", TaskState.TASK_ERROR).getMessage()).contains("duplicate ID");
        assertThat(scheduler.update("other-role", TaskState.TASK_ERROR).getMessage()).contains("allocated to role 'ml'");
    }

    @Test
    void updatesAreResentUntilAcknowledged() throws Exception {
        LocalCluster cluster = cluster(s -> s.agent(AgentSpec.builder().build()));
        RawScheduler scheduler = subscribe(cluster, RawScheduler.framework("acks", false).build());
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
        LocalCluster cluster = cluster(s -> s.agent(AgentSpec.builder().build()));
        RawScheduler scheduler = subscribe(cluster, RawScheduler.framework("kill", false).build());
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

    @Test
    void refuseFiltersHoldBackOffersUntilTheyExpireOrARevive() throws Exception {
        LocalCluster cluster = cluster(s -> s.agent(AgentSpec.builder().build()));
        RawScheduler scheduler = subscribe(cluster, RawScheduler.framework("filters", false).build());
        Offer offer = scheduler.offers().get(0);
        scheduler.call(Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
                .addOfferIds(offer.getId()).setFilters(Filters.newBuilder().setRefuseSeconds(1.5))));
        long declined = System.nanoTime();
        Offer again = scheduler.offers().get(0);
        assertThat((System.nanoTime() - declined) / 1_000_000).isGreaterThanOrEqualTo(1400);

        // A long refusal is lifted by REVIVE.
        scheduler.call(Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
                .addOfferIds(again.getId()).setFilters(Filters.newBuilder().setRefuseSeconds(3600))));
        Thread.sleep(500);
        assertThat(scheduler.received(Event.Type.OFFERS)).isFalse();
        long revived = System.nanoTime();
        scheduler.call(Call.newBuilder().setType(Call.Type.REVIVE).setRevive(Call.Revive.newBuilder()));
        assertThat(scheduler.offers()).hasSize(1);
        assertThat((System.nanoTime() - revived) / 1_000_000).isLessThan(1000);
    }

    @Test
    void suppressStopsOffersAndReviveBringsThemBack() throws Exception {
        LocalCluster cluster = cluster(s -> s.agent(AgentSpec.builder().build()));
        RawScheduler scheduler = subscribe(cluster, RawScheduler.framework("suppress", false).build());
        Offer offer = scheduler.offers().get(0);
        scheduler.call(Call.newBuilder().setType(Call.Type.SUPPRESS).setSuppress(Call.Suppress.newBuilder()));
        scheduler.call(Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
                .addOfferIds(offer.getId()).setFilters(Filters.newBuilder().setRefuseSeconds(0))));
        Thread.sleep(600);
        assertThat(scheduler.received(Event.Type.OFFERS)).isFalse();
        scheduler.call(Call.newBuilder().setType(Call.Type.REVIVE).setRevive(Call.Revive.newBuilder()));
        assertThat(scheduler.offers()).hasSize(1);
    }

    @Test
    void offersAreRescindedAfterTheOfferTimeout() throws Exception {
        LocalCluster cluster = cluster(s -> s.agent(AgentSpec.builder().build()).offerTimeout(Duration.ofMillis(400)));
        RawScheduler scheduler = subscribe(cluster, RawScheduler.framework("rescind", false).build());
        Offer offer = scheduler.offers().get(0);
        Event rescind = scheduler.next(Event.Type.RESCIND);
        assertThat(rescind.getRescind().getOfferId()).isEqualTo(offer.getId());
        // Using a rescinded offer is using an invalid offer.
        scheduler.call(TaskInfos.launch(offer, TaskInfos.shell("late", offer.getAgentId(), "true", 1, 64, 0, "*")));
        TaskStatus lost = scheduler.update("late", TaskState.TASK_LOST);
        assertThat(lost.getReason()).isEqualTo(TaskStatus.Reason.REASON_INVALID_OFFERS);
    }

    /**
     * A real master charges an executor's resources once per executor id on an agent: two tasks of
     * cpus 0.5 sharing an executor of cpus 0.5 used 1.5 cpus there, not 2.
     */
    @Test
    void tasksSharingAnExecutorChargeItsResourcesOnce() throws Exception {
        LocalCluster cluster = cluster(s -> s.agent(AgentSpec.builder().cpus(4).memMb(1024).build()));
        RawScheduler scheduler = subscribe(cluster, RawScheduler.framework("shared", false).build());
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
        LocalCluster cluster = cluster(s -> s.agent(AgentSpec.builder().cpus(4).memMb(1024).gpus(2).build()));
        RawScheduler scheduler = subscribe(cluster, RawScheduler.framework("gpu-executor", true).build());
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
    void anOfferIsGoodForOneAcceptAndUnusedResourcesAreDeclined() throws Exception {
        LocalCluster cluster = cluster(s -> s.agent(AgentSpec.builder().cpus(4).memMb(1024).build()));
        RawScheduler scheduler = subscribe(cluster, RawScheduler.framework("once", false).build());
        Offer offer = scheduler.offers().get(0);
        Call.Builder accept = TaskInfos.launch(offer, TaskInfos.shell("a", offer.getAgentId(), "sleep 30", 1, 64, 0, "*"));
        accept.getAcceptBuilder().setFilters(Filters.newBuilder().setRefuseSeconds(0));
        scheduler.call(accept);
        scheduler.ackUntil("a", TaskState.TASK_RUNNING);
        // The unused three cpus come back at once because the ACCEPT refused them for 0 seconds.
        Offer rest = scheduler.offers().get(0);
        assertThat(rest.getResourcesList()).anyMatch(r -> r.getName().equals("cpus") && r.getScalar().getValue() == 3);
        scheduler.call(TaskInfos.launch(offer, TaskInfos.shell("b", offer.getAgentId(), "true", 1, 64, 0, "*")));
        assertThat(scheduler.update("b", TaskState.TASK_LOST).getMessage()).contains("no longer valid");
    }

    @Test
    void offerConstraintsSelectAgentsByAttribute() throws Exception {
        LocalCluster cluster = cluster(s -> s
                .agent(AgentSpec.builder().attribute("rack", "a").build())
                .agent(AgentSpec.builder().attribute("rack", "b").build()));
        FrameworkInfo info = RawScheduler.framework("constrained", false).build();
        OfferConstraints constraints = OfferConstraints.newBuilder().putRoleConstraints("*",
                OfferConstraints.RoleConstraints.newBuilder().addGroups(OfferConstraints.RoleConstraints.Group.newBuilder()
                        .addAttributeConstraints(AttributeConstraint.newBuilder()
                                .setSelector(AttributeConstraint.Selector.newBuilder().setAttributeName("rack"))
                                .setPredicate(AttributeConstraint.Predicate.newBuilder().setTextEquals(
                                        AttributeConstraint.Predicate.TextEquals.newBuilder().setValue("b")))))
                        .build()).build();
        RawScheduler scheduler = new RawScheduler(cluster.uri(), MediaType.JSON);
        open.add(scheduler);
        scheduler.subscribeWith(Call.Subscribe.newBuilder().setFrameworkInfo(info).setOfferConstraints(constraints));
        List<Offer> offers = scheduler.offers();
        assertThat(offers).hasSize(1);
        assertThat(offers.get(0).getAttributesList()).anyMatch(a -> a.getText().getValue().equals("b"));
    }

    @Test
    void teardownKillsTheTasksAndReturnsTheirResources() throws Exception {
        LocalCluster cluster = cluster(s -> s.agent(AgentSpec.builder().cpus(2).gpus(1).build()));
        RawScheduler scheduler = subscribe(cluster, RawScheduler.framework("teardown", true).build());
        Offer offer = scheduler.offers().get(0);
        Path marker = temp.resolve("pid");
        scheduler.call(TaskInfos.launch(offer, TaskInfos.shell("long", offer.getAgentId(),
                "echo $$ > " + marker + "; exec sleep 60", 1, 64, 1, "*")));
        scheduler.ackUntil("long", TaskState.TASK_RUNNING);
        long pid = awaitPid(marker);
        assertThat(scheduler.call(Call.newBuilder().setType(Call.Type.TEARDOWN)).statusCode()).isEqualTo(202);
        awaitGone(pid);
        awaitIdle(cluster);
        JsonNode state = cluster.state().json();
        assertThat(state.path("frameworks")).isEmpty();
        assertThat(state.path("completed_frameworks").get(0).path("name").asText()).isEqualTo("teardown");
        assertThat(state.path("agents").get(0).path("free_gpus").asInt()).isEqualTo(1);
    }

    @Test
    void tasksSurviveADisconnectWithinTheFailoverTimeoutAndDieAfterIt() throws Exception {
        LocalCluster cluster = cluster(s -> s.agent(AgentSpec.builder().build()));
        FrameworkInfo info = RawScheduler.framework("failover", false).setFailoverTimeout(1.5).build();
        RawScheduler first = subscribe(cluster, info);
        Offer offer = first.offers().get(0);
        Path marker = temp.resolve("pid2");
        first.call(TaskInfos.launch(offer, TaskInfos.shell("keep", offer.getAgentId(),
                "echo $$ > " + marker + "; exec sleep 60", 1, 64, 0, "*")));
        first.ackUntil("keep", TaskState.TASK_RUNNING);
        long pid = awaitPid(marker);
        cluster.dropFrameworkConnections();
        first.close();
        Thread.sleep(500);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).hasValue(true);

        RawScheduler second = subscribe(cluster, info.toBuilder().setId(first.frameworkId).build());
        assertThat(second.frameworkId).isEqualTo(first.frameworkId);
        second.call(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()));
        assertThat(second.update("keep", TaskState.TASK_RUNNING)).isNotNull();
        Thread.sleep(2000);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).hasValue(true);

        // Now stay away past the failover timeout: the master removes the framework and kills its task.
        cluster.dropFrameworkConnections();
        second.close();
        awaitGone(pid);
    }

    @Test
    void urisAreFetchedIntoTheSandboxAndArgvCommandsRun() throws Exception {
        LocalCluster cluster = cluster(s -> s.agent(AgentSpec.builder().build()));
        RawScheduler scheduler = subscribe(cluster, RawScheduler.framework("fetch", false).build());
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
        LocalCluster cluster = cluster(s -> s.agent(AgentSpec.builder().build()));
        RawScheduler scheduler = subscribe(cluster, RawScheduler.framework("group", false).build());
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
        awaitIdle(cluster);
    }

    @Test
    void stateListsAgentsFrameworksTasksAndResources() throws Exception {
        LocalCluster cluster = cluster(s -> s.agent(AgentSpec.builder().cpus(3).memMb(3000).gpus(2)
                .attribute("zone", "z1").build()));
        RawScheduler scheduler = subscribe(cluster, RawScheduler.framework("state", true).setWebuiUrl("http://ui").build());
        Offer offer = scheduler.offers().get(0);
        Call.Builder accept = TaskInfos.launch(offer, TaskInfos.shell("s", offer.getAgentId(), "sleep 30", 1, 100, 1, "*"));
        accept.getAcceptBuilder().setFilters(Filters.newBuilder().setRefuseSeconds(60));
        scheduler.call(accept);
        scheduler.ackUntil("s", TaskState.TASK_RUNNING);
        JsonNode state = cluster.state().json();
        JsonNode agent = state.path("agents").get(0);
        assertThat(agent.path("resources").path("gpus").asDouble()).isEqualTo(2);
        assertThat(agent.path("used_resources").path("cpus").asDouble()).isEqualTo(1);
        assertThat(agent.path("attributes").path("zone").asText()).isEqualTo("z1");
        JsonNode framework = state.path("frameworks").get(0);
        assertThat(framework.path("webui_url").asText()).isEqualTo("http://ui");
        assertThat(framework.path("capabilities").toString()).contains("GPU_RESOURCES");
        JsonNode task = framework.path("tasks").get(0);
        assertThat(task.path("state").asText()).isEqualTo("TASK_RUNNING");
        assertThat(task.path("gpu_devices").asText()).isEqualTo("0");
        // Agents are agents; "slave" appears only in Mesos' own compatibility keys that tools look for,
        // and in the agents' libprocess ids (slave(N)@ip:port), which are Mesos wire values.
        assertThat(state.path("slaves")).isEqualTo(state.path("agents"));
        assertThat(task.path("slave_id")).isEqualTo(task.path("agent_id"));
        assertThat(state.toString()
                .replaceAll("\"(activated_|deactivated_|unreachable_|recovered_)?slaves\"", "")
                .replace("\"slave_id\"", "")
                .replaceAll("\"slave\\(\\d+\\)@", "\""))
                .doesNotContain("slave");
    }

    private static long awaitPid(Path marker) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(marker) && !Files.readString(marker).isBlank()) {
                return Long.parseLong(Files.readString(marker).trim());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the task never wrote its pid");
    }

    private static void awaitGone(long pid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("process " + pid + " is still alive");
    }

    private static void awaitIdle(LocalCluster cluster) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode used = cluster.state().json().path("agents").get(0).path("used_resources");
            boolean idle = true;
            for (JsonNode amount : used) {
                idle &= amount.isNumber() && amount.asDouble() == 0;
            }
            if (idle) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("resources were not returned: " + cluster.state().json().path("agents"));
    }
}
