package dev.gantry.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.localcluster.AgentSpec;
import dev.gantry.protocol.MediaType;
import dev.gantry.testing.MesosBundle;
import dev.gantry.testing.RealMesosCluster;
import dev.gantry.testing.ZooKeeperServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler client against three real Mesos masters electing their leader in a real
 * ZooKeeper, given only {@code mesos://zk://...}. Skips with one line without the Mesos bundle
 * or ZooKeeper.
 */
class HighAvailabilityMesosIT {
    private static final Logger LOG = LoggerFactory.getLogger(HighAvailabilityMesosIT.class);
    /**
     * A killed leader's znode lasts its ZooKeeper session (10 s), then a new leader is elected and
     * recovers the replicated registry: a bound for that, never a margin the test relies on.
     */
    private static final Duration FAILOVER_BOUND = Duration.ofMinutes(3);

    @TempDir
    Path dir;
    private ZooKeeperServer zooKeeper;
    private RealMesosCluster cluster;
    private SchedulerClient client;

    @BeforeEach
    void start() throws Exception {
        MesosBundle bundle = MesosBundle.require();
        zooKeeper = ZooKeeperServer.start(dir.resolve("zookeeper"));
        cluster = RealMesosCluster.builder(bundle, dir.resolve("mesos"))
                .highAvailability(zooKeeper, 3)
                .agent(AgentSpec.builder().cpus(2).memMb(1024).build())
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
    }

    private SchedulerClient client(FrameworkInfos info, SchedulerClientIT.Inbox inbox) {
        client = SchedulerClient.builder().master(cluster.mesosUrl()).frameworkInfo(info.gpuResources(false).build())
                // The default backoff (0.5 s doubling to 30 s), so the recovery logged is what users get.
                .listener(inbox).mediaType(MediaType.PROTOBUF).requestTimeout(Duration.ofSeconds(10)).build();
        client.start();
        return client;
    }

    @Test
    void subscribesToTheLeaderZooKeeperNames() throws Exception {
        SchedulerClientIT.Inbox inbox = new SchedulerClientIT.Inbox();
        assertThat(cluster.mesosUrl()).startsWith("mesos://zk://127.0.0.1:");
        SchedulerClient client = client(FrameworkInfos.builder("ha-subscribe"), inbox);

        FrameworkID id = client.awaitSubscribed(Duration.ofSeconds(60));

        // The leader Mesos itself reports (its /state names itself) is the one the client reached
        // through the lowest json.info_ znode, with no redirect in between.
        assertThat(client.master()).isEqualTo(cluster.leader());
        JsonNode frameworks = cluster.state().path("frameworks");
        assertThat(frameworks.findValuesAsText("id")).contains(id.getValue());
        assertThat(inbox.nextOffers()).isNotEmpty();
    }

    @Test
    void followsANewLeaderAfterTheLeaderIsKilledAndKeepsItsRunningTask() throws Exception {
        SchedulerClientIT.Inbox inbox = new SchedulerClientIT.Inbox();
        SchedulerClient client = client(FrameworkInfos.builder("ha-failover").failoverTimeout(Duration.ofMinutes(10)),
                inbox);
        FrameworkID id = client.awaitSubscribed(Duration.ofSeconds(60));
        assertThat(inbox.subscriptions.poll(10, TimeUnit.SECONDS)).isEqualTo(id);
        Offer offer = inbox.nextOffers().get(0);
        client.launch(offer.getId(), List.of(sleeper("survivor", offer.getAgentId())), Filters.getDefaultInstance())
                .get(10, TimeUnit.SECONDS);
        ackUntil(client, inbox, "survivor", TaskState.TASK_RUNNING);
        URI oldLeader = cluster.leader();

        long killedAt = System.nanoTime();
        URI killed = cluster.killLeader();
        FrameworkID again = inbox.subscriptions.poll(FAILOVER_BOUND.toSeconds(), TimeUnit.SECONDS);
        long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);

        assertThat(killed).isEqualTo(oldLeader);
        assertThat(again).as("resubscribed within %s of killing the leader %s", FAILOVER_BOUND, killed).isEqualTo(id);
        LOG.info("recovery: leader {} killed (SIGKILL) -> SUBSCRIBED again to {} as {} in {} ms", killed,
                client.master(), id.getValue(), recoveryMillis);
        assertThat(inbox.disconnects).isNotEmpty();
        assertThat(client.master()).isNotEqualTo(killed).isEqualTo(cluster.leader());

        // The new leader knows the task once the agent has re-registered with it; then an explicit
        // reconciliation must answer RUNNING from the master.
        cluster.awaitState(running("survivor"), "the agent to re-register with the new leader and report its task");
        client.reconcile(List.of(Call.Reconcile.Task.newBuilder().setTaskId(taskId("survivor"))
                .setAgentId(offer.getAgentId()).build())).get(10, TimeUnit.SECONDS);
        TaskStatus reconciled = inbox.nextUpdate(s -> s.getTaskId().getValue().equals("survivor")
                && s.getReason() == TaskStatus.Reason.REASON_RECONCILIATION);
        assertThat(reconciled.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(reconciled.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
    }

    private static Predicate<JsonNode> running(String taskId) {
        return state -> {
            for (JsonNode framework : state.path("frameworks")) {
                for (JsonNode task : framework.path("tasks")) {
                    if (task.path("id").asText().equals(taskId) && task.path("state").asText().equals("TASK_RUNNING")) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    private static TaskID taskId(String id) {
        return TaskID.newBuilder().setValue(id).build();
    }

    private static TaskInfo sleeper(String id, AgentID agent) {
        return TaskInfo.newBuilder().setName(id).setTaskId(taskId(id)).setAgentId(agent)
                .setCommand(CommandInfo.newBuilder().setValue("exec sleep 600"))
                .addResources(scalar("cpus", 1)).addResources(scalar("mem", 64)).build();
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    private static void ackUntil(SchedulerClient client, SchedulerClientIT.Inbox inbox, String taskId, TaskState state)
            throws Exception {
        while (true) {
            TaskStatus status = inbox.nextUpdate(s -> s.getTaskId().getValue().equals(taskId));
            client.acknowledge(status).get(10, TimeUnit.SECONDS);
            assertThat(status.getState()).as(status.getMessage()).isIn(TaskState.TASK_STARTING, state);
            if (status.getState() == state) {
                return;
            }
        }
    }
}
