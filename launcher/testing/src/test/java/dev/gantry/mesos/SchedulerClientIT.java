package dev.gantry.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.FrameworkCredentials;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.protocol.MediaType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Gantry's scheduler client against the embedded cluster, over real HTTP on loopback, with real task processes. */
class SchedulerClientIT {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Queues what the client delivers, typed, for the test thread to wait on. */
    static final class Inbox implements SchedulerListener {
        final BlockingQueue<List<Offer>> offers = new LinkedBlockingQueue<>();
        final BlockingQueue<TaskStatus> updates = new LinkedBlockingQueue<>();
        final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
        final BlockingQueue<String> stops = new LinkedBlockingQueue<>();
        final BlockingQueue<FrameworkID> subscriptions = new LinkedBlockingQueue<>();
        final AtomicInteger heartbeats = new AtomicInteger();

        @Override
        public void subscribed(FrameworkID id, org.apache.mesos.v1.scheduler.Protos.Event.Subscribed subscribed) {
            subscriptions.add(id);
        }

        @Override
        public void offers(List<Offer> list) {
            offers.add(list);
        }

        @Override
        public void update(TaskStatus status) {
            updates.add(status);
        }

        @Override
        public void heartbeat() {
            heartbeats.incrementAndGet();
        }

        @Override
        public void disconnected(String reason) {
            disconnects.add(reason);
        }

        @Override
        public void stopped(String reason) {
            stops.add(reason);
        }

        List<Offer> nextOffers() throws InterruptedException {
            return take(offers, "offers");
        }

        TaskStatus nextUpdate(Predicate<TaskStatus> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                TaskStatus status = updates.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (status == null) {
                    throw new AssertionError("no matching status update within 20 s");
                }
                if (wanted.test(status)) {
                    return status;
                }
            }
        }

        static <T> T take(BlockingQueue<T> queue, String what) throws InterruptedException {
            T item = queue.poll(20, TimeUnit.SECONDS);
            if (item == null) {
                throw new AssertionError("no " + what + " within 20 s");
            }
            return item;
        }
    }

    private LocalCluster cluster(ClusterSpec.Builder spec) throws Exception {
        LocalCluster cluster = LocalCluster.start(spec.simulateGpus(true).build());
        open.add(cluster);
        return cluster;
    }

    private SchedulerClient client(LocalCluster cluster, FrameworkInfo info, Inbox inbox, MediaType type) {
        return client(cluster.mesosUrl(), info, inbox, type, null);
    }

    private SchedulerClient client(String master, FrameworkInfo info, Inbox inbox, MediaType type, Credential credential) {
        SchedulerClient.Builder builder = SchedulerClient.builder().master(master).frameworkInfo(info)
                .listener(inbox).mediaType(type).backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        if (credential != null) {
            builder.credential(credential);
        }
        SchedulerClient client = builder.build();
        open.add(client);
        client.start();
        return client;
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    private static TaskInfo shellTask(String id, AgentID agent, String command, double gpus) {
        TaskInfo.Builder task = TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(agent).setCommand(CommandInfo.newBuilder().setValue(command))
                .addResources(scalar("cpus", 1)).addResources(scalar("mem", 64));
        if (gpus > 0) {
            task.addResources(scalar("gpus", gpus));
        }
        return task.build();
    }

    /** Follows one task's updates, acknowledging each through the client, until {@code state}. */
    private static TaskStatus ackUntil(SchedulerClient client, Inbox inbox, String taskId, TaskState state)
            throws Exception {
        while (true) {
            TaskStatus status = inbox.nextUpdate(s -> s.getTaskId().getValue().equals(taskId));
            client.acknowledge(status).get(5, TimeUnit.SECONDS);
            if (status.getState() == state) {
                return status;
            }
        }
    }

    private static String stdout(LocalCluster cluster, String taskId) throws Exception {
        return Files.readString(cluster.sandbox(taskId).orElseThrow().resolve("stdout"));
    }

    @ParameterizedTest
    @EnumSource(MediaType.class)
    void subscribesGetsGpuOffersAndRunsATwoGpuTaskWithAcknowledgedUpdates(MediaType type) throws Exception {
        LocalCluster cluster = cluster(ClusterSpec.builder().agent(AgentSpec.builder().cpus(2).memMb(1024).gpus(2).build()));
        Inbox inbox = new Inbox();
        SchedulerClient client = client(cluster, FrameworkInfos.builder("it-" + type).build(), inbox, type);
        FrameworkID id = client.awaitSubscribed(Duration.ofSeconds(10));
        assertThat(id.getValue()).isNotEmpty();

        Offer offer = inbox.nextOffers().get(0);
        assertThat(offer.getResourcesList()).anyMatch(r -> r.getName().equals("gpus") && r.getScalar().getValue() == 2);
        client.launch(offer.getId(), List.of(shellTask("pair", offer.getAgentId(),
                "echo $CUDA_VISIBLE_DEVICES", 2)), Filters.getDefaultInstance()).get(5, TimeUnit.SECONDS);

        List<TaskState> seen = new ArrayList<>();
        TaskStatus status;
        do {
            status = inbox.nextUpdate(s -> s.getTaskId().getValue().equals("pair"));
            assertThat(status.getUuid().size()).isEqualTo(16);
            seen.add(status.getState());
            client.acknowledge(status).get(5, TimeUnit.SECONDS);
        } while (status.getState() != TaskState.TASK_FINISHED);
        assertThat(seen).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
        String[] devices = stdout(cluster, "pair").trim().split(",");
        assertThat(devices).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void killEndsARunningTask() throws Exception {
        LocalCluster cluster = cluster(ClusterSpec.builder().agent(AgentSpec.builder().build()));
        Inbox inbox = new Inbox();
        SchedulerClient client = client(cluster, FrameworkInfos.builder("kill").gpuResources(false).build(), inbox,
                MediaType.PROTOBUF);
        client.awaitSubscribed(Duration.ofSeconds(10));
        Offer offer = inbox.nextOffers().get(0);
        client.launch(offer.getId(), List.of(shellTask("sleeper", offer.getAgentId(), "exec sleep 60", 0)),
                Filters.getDefaultInstance()).get(5, TimeUnit.SECONDS);
        ackUntil(client, inbox, "sleeper", TaskState.TASK_RUNNING);
        client.kill(TaskID.newBuilder().setValue("sleeper").build(), offer.getAgentId()).get(5, TimeUnit.SECONDS);
        TaskStatus killed = ackUntil(client, inbox, "sleeper", TaskState.TASK_KILLED);
        assertThat(killed.getMessage()).contains("Terminated");
    }

    @Test
    void aFrameworkWithoutTheGpuCapabilityNeverSeesGpuAgents() throws Exception {
        LocalCluster cluster = cluster(ClusterSpec.builder()
                .agent(AgentSpec.builder().gpus(4).build())
                .agent(AgentSpec.builder().build())
                .allocationInterval(Duration.ofMillis(100)));
        String gpuAgent = cluster.agents().get(0).id();
        Inbox inbox = new Inbox();
        SchedulerClient client = client(cluster, FrameworkInfos.builder("cpu").gpuResources(false).build(), inbox,
                MediaType.PROTOBUF);
        client.awaitSubscribed(Duration.ofSeconds(10));
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int offers = 0;
        while (System.nanoTime() < until) {
            List<Offer> batch = inbox.offers.poll(200, TimeUnit.MILLISECONDS);
            if (batch == null) {
                continue;
            }
            for (Offer offer : batch) {
                offers++;
                assertThat(offer.getAgentId().getValue()).isNotEqualTo(gpuAgent);
                assertThat(offer.getResourcesList()).noneMatch(r -> r.getName().equals("gpus"));
                client.decline(List.of(offer.getId()), Filters.newBuilder().setRefuseSeconds(0.2).build());
            }
        }
        assertThat(offers).as("offers of the CPU agent kept coming").isGreaterThanOrEqualTo(2);
    }

    @Test
    void fractionalGpusAreRejected() throws Exception {
        LocalCluster cluster = cluster(ClusterSpec.builder().agent(AgentSpec.builder().gpus(1).build()));
        Inbox inbox = new Inbox();
        SchedulerClient client = client(cluster, FrameworkInfos.builder("fraction").build(), inbox, MediaType.JSON);
        client.awaitSubscribed(Duration.ofSeconds(10));
        Offer offer = inbox.nextOffers().get(0);
        client.launch(offer.getId(), List.of(shellTask("half", offer.getAgentId(), "true", 0.5)),
                Filters.getDefaultInstance()).get(5, TimeUnit.SECONDS);
        TaskStatus error = inbox.nextUpdate(s -> s.getTaskId().getValue().equals("half"));
        assertThat(error.getState()).isEqualTo(TaskState.TASK_ERROR);
        assertThat(error.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_INVALID);
        assertThat(error.getMessage()).contains("The 'gpus' resource must be an unsigned integer");
        // Master-generated: nothing to acknowledge, and acknowledging is a no-op.
        client.acknowledge(error).get(5, TimeUnit.SECONDS);
    }

    @Test
    void heartbeatsReachTheListener() throws Exception {
        LocalCluster cluster = cluster(ClusterSpec.builder().agent(AgentSpec.builder().build())
                .heartbeatInterval(Duration.ofMillis(200)));
        Inbox inbox = new Inbox();
        SchedulerClient client = client(cluster, FrameworkInfos.builder("beat").build(), inbox, MediaType.PROTOBUF);
        client.awaitSubscribed(Duration.ofSeconds(10));
        Thread.sleep(1500);
        assertThat(inbox.heartbeats.get()).isBetween(4, 12);
        assertThat(inbox.disconnects).isEmpty();
    }

    @Test
    void afterTheMasterDropsTheConnectionTheClientResubscribesAndItsTasksSurvive() throws Exception {
        LocalCluster cluster = cluster(ClusterSpec.builder().agent(AgentSpec.builder().build()));
        Inbox inbox = new Inbox();
        SchedulerClient client = client(cluster, FrameworkInfos.builder("failover")
                .failoverTimeout(Duration.ofMinutes(1)).build(), inbox, MediaType.PROTOBUF);
        FrameworkID id = client.awaitSubscribed(Duration.ofSeconds(10));
        String firstStream = client.streamId().orElseThrow();
        Offer offer = inbox.nextOffers().get(0);
        client.launch(offer.getId(), List.of(shellTask("survivor", offer.getAgentId(),
                "echo $$ > pid; exec sleep 60", 0)), Filters.getDefaultInstance()).get(5, TimeUnit.SECONDS);
        ackUntil(client, inbox, "survivor", TaskState.TASK_RUNNING);

        assertThat(cluster.dropFrameworkConnections()).isEqualTo(1);
        assertThat(Inbox.take(inbox.disconnects, "disconnect")).isNotEmpty();
        assertThat(Inbox.take(inbox.subscriptions, "first subscription")).isEqualTo(id);
        assertThat(Inbox.take(inbox.subscriptions, "resubscription")).isEqualTo(id);
        assertThat(client.streamId().orElseThrow()).isNotEqualTo(firstStream);

        client.reconcile(List.of()).get(5, TimeUnit.SECONDS);
        TaskStatus reconciled = inbox.nextUpdate(s -> s.getTaskId().getValue().equals("survivor")
                && s.getReason() == TaskStatus.Reason.REASON_RECONCILIATION);
        assertThat(reconciled.getState()).isEqualTo(TaskState.TASK_RUNNING);
        JsonNode framework = cluster.state().json().path("frameworks").get(0);
        assertThat(framework.path("id").asText()).isEqualTo(id.getValue());
        assertThat(framework.path("connected").asBoolean()).isTrue();
        String pid = Files.readString(cluster.sandbox("survivor").orElseThrow().resolve("pid")).trim();
        assertThat(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive)).hasValue(true);
    }

    @Test
    void aStandbyMasterSendsTheClientToTheLeader() throws Exception {
        LocalCluster leader = cluster(ClusterSpec.builder().agent(AgentSpec.builder().build()));
        LocalCluster standby = LocalCluster.start(ClusterSpec.builder().standbyOf(leader.uri()).build());
        open.add(standby);
        Inbox inbox = new Inbox();
        SchedulerClient client = client(standby.mesosUrl(), FrameworkInfos.builder("redirected").build(), inbox,
                MediaType.PROTOBUF, null);
        client.awaitSubscribed(Duration.ofSeconds(10));
        assertThat(client.master().getPort()).isEqualTo(leader.port());
        assertThat(inbox.nextOffers()).isNotEmpty();
        client.revive(List.of()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void authenticatesWithASecretFromAFileAndIsRefusedWithAWrongOne(@org.junit.jupiter.api.io.TempDir Path temp)
            throws Exception {
        LocalCluster cluster = cluster(ClusterSpec.builder().agent(AgentSpec.builder().build())
                .credentials(FrameworkCredentials.of(Map.of("ml", "right-secret"))));
        Path secret = temp.resolve("secret");
        Files.writeString(secret, "right-secret\n");
        Inbox good = new Inbox();
        SchedulerClient ok = client(cluster.mesosUrl(), FrameworkInfos.builder("auth").build(), good,
                MediaType.PROTOBUF, Credential.fromFile("ml", secret));
        ok.awaitSubscribed(Duration.ofSeconds(10));
        assertThat(good.nextOffers()).isNotEmpty();

        Inbox bad = new Inbox();
        SchedulerClient refused = client(cluster.mesosUrl(), FrameworkInfos.builder("auth").build(), bad,
                MediaType.PROTOBUF, Credential.of("ml", "wrong-secret"));
        assertThatThrownBy(() -> refused.awaitSubscribed(Duration.ofSeconds(10)))
                .hasMessageContaining("ml").satisfies(e -> assertThat(e.toString()).doesNotContain("wrong-secret"));
        assertThat(Inbox.take(bad.stops, "stop")).contains("401").doesNotContain("wrong-secret");
    }

    @Test
    void teardownEndsTheFrameworkAndItsTasks() throws Exception {
        LocalCluster cluster = cluster(ClusterSpec.builder().agent(AgentSpec.builder().build()));
        Inbox inbox = new Inbox();
        SchedulerClient client = client(cluster, FrameworkInfos.builder("bye").build(), inbox, MediaType.PROTOBUF);
        client.awaitSubscribed(Duration.ofSeconds(10));
        Offer offer = inbox.nextOffers().get(0);
        client.launch(offer.getId(), List.of(shellTask("t", offer.getAgentId(), "exec sleep 60", 0)),
                Filters.getDefaultInstance()).get(5, TimeUnit.SECONDS);
        ackUntil(client, inbox, "t", TaskState.TASK_RUNNING);
        client.teardown().get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode state = cluster.state().json();
        // /state writes cpus, mem, disk and gpus even at zero, as Mesos does: idle means all zero.
        while (state.path("agents").get(0).path("used_resources").path("cpus").asDouble() > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            state = cluster.state().json();
        }
        assertThat(state.path("frameworks")).isEmpty();
        for (JsonNode amount : state.path("agents").get(0).path("used_resources")) {
            assertThat(amount.asDouble()).isZero();
        }
        assertThat(Inbox.take(inbox.stops, "stop")).isNotEmpty();
    }

    @Test
    void callsAfterACloseAreRefused() throws Exception {
        LocalCluster cluster = cluster(ClusterSpec.builder().agent(AgentSpec.builder().build()));
        Inbox inbox = new Inbox();
        SchedulerClient client = client(cluster, FrameworkInfos.builder("closed").failoverTimeout(Duration.ofMinutes(1)).build(), inbox, MediaType.PROTOBUF);
        client.awaitSubscribed(Duration.ofSeconds(10));
        client.close();
        assertThatThrownBy(() -> client.revive(List.of()).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the scheduler client has stopped");
        // The framework stays registered (no TEARDOWN) until its failover timeout.
        assertThat(cluster.state().json().path("frameworks")).hasSize(1);
    }
}
