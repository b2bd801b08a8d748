package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.protocol.MediaType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.AttributeConstraint;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.apache.mesos.v1.scheduler.Protos.OfferConstraints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded master's Mesos semantics for offers, frameworks and {@code /state}, with tasks
 * running as real processes; {@link TaskSemanticsIT} has those of the tasks themselves.
 */
class MasterSemanticsIT {
    @RegisterExtension
    final OpenClusters clusters = new OpenClusters();

    @TempDir
    Path temp;

    @Test
    void invalidTasksAreRejectedAsMesosDoes() throws Exception {
        LocalCluster cluster = clusters.cluster(s -> s.agent(AgentSpec.builder().cpus(2).memMb(512).build()));
        RawScheduler scheduler = clusters.subscribe(cluster, RawScheduler.framework("invalid", false).build());
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
    void refuseFiltersHoldBackOffersUntilTheyExpireOrARevive() throws Exception {
        LocalCluster cluster = clusters.cluster(s -> s.agent(AgentSpec.builder().build()));
        RawScheduler scheduler = clusters.subscribe(cluster, RawScheduler.framework("filters", false).build());
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
        LocalCluster cluster = clusters.cluster(s -> s.agent(AgentSpec.builder().build()));
        RawScheduler scheduler = clusters.subscribe(cluster, RawScheduler.framework("suppress", false).build());
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
        LocalCluster cluster = clusters.cluster(s -> s.agent(AgentSpec.builder().build()).offerTimeout(Duration.ofMillis(400)));
        RawScheduler scheduler = clusters.subscribe(cluster, RawScheduler.framework("rescind", false).build());
        Offer offer = scheduler.offers().get(0);
        Event rescind = scheduler.next(Event.Type.RESCIND);
        assertThat(rescind.getRescind().getOfferId()).isEqualTo(offer.getId());
        // Using a rescinded offer is using an invalid offer.
        scheduler.call(TaskInfos.launch(offer, TaskInfos.shell("late", offer.getAgentId(), "true", 1, 64, 0, "*")));
        TaskStatus lost = scheduler.update("late", TaskState.TASK_LOST);
        assertThat(lost.getReason()).isEqualTo(TaskStatus.Reason.REASON_INVALID_OFFERS);
    }

    @Test
    void anOfferIsGoodForOneAcceptAndUnusedResourcesAreDeclined() throws Exception {
        LocalCluster cluster = clusters.cluster(s -> s.agent(AgentSpec.builder().cpus(4).memMb(1024).build()));
        RawScheduler scheduler = clusters.subscribe(cluster, RawScheduler.framework("once", false).build());
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
        LocalCluster cluster = clusters.cluster(s -> s
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
        RawScheduler scheduler = clusters.track(new RawScheduler(cluster.uri(), MediaType.JSON));
        scheduler.subscribeWith(Call.Subscribe.newBuilder().setFrameworkInfo(info).setOfferConstraints(constraints));
        List<Offer> offers = scheduler.offers();
        assertThat(offers).hasSize(1);
        assertThat(offers.get(0).getAttributesList()).anyMatch(a -> a.getText().getValue().equals("b"));
    }

    @Test
    void teardownKillsTheTasksAndReturnsTheirResources() throws Exception {
        LocalCluster cluster = clusters.cluster(s -> s.agent(AgentSpec.builder().cpus(2).gpus(1).build()));
        RawScheduler scheduler = clusters.subscribe(cluster, RawScheduler.framework("teardown", true).build());
        Offer offer = scheduler.offers().get(0);
        Path marker = temp.resolve("pid");
        scheduler.call(TaskInfos.launch(offer, TaskInfos.shell("long", offer.getAgentId(),
                "echo $$ > " + marker + "; exec sleep 60", 1, 64, 1, "*")));
        scheduler.ackUntil("long", TaskState.TASK_RUNNING);
        long pid = awaitPid(marker);
        assertThat(scheduler.call(Call.newBuilder().setType(Call.Type.TEARDOWN)).statusCode()).isEqualTo(202);
        awaitGone(pid);
        OpenClusters.awaitIdle(cluster);
        JsonNode state = cluster.state().json();
        assertThat(state.path("frameworks")).isEmpty();
        assertThat(state.path("completed_frameworks").get(0).path("name").asText()).isEqualTo("teardown");
        assertThat(state.path("agents").get(0).path("free_gpus").asInt()).isEqualTo(1);
    }

    @Test
    void tasksSurviveADisconnectWithinTheFailoverTimeoutAndDieAfterIt() throws Exception {
        LocalCluster cluster = clusters.cluster(s -> s.agent(AgentSpec.builder().build()));
        FrameworkInfo info = RawScheduler.framework("failover", false).setFailoverTimeout(1.5).build();
        RawScheduler first = clusters.subscribe(cluster, info);
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

        RawScheduler second = clusters.subscribe(cluster, info.toBuilder().setId(first.frameworkId).build());
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
    void stateListsAgentsFrameworksTasksAndResources() throws Exception {
        LocalCluster cluster = clusters.cluster(s -> s.agent(AgentSpec.builder().cpus(3).memMb(3000).gpus(2)
                .attribute("zone", "z1").build()));
        RawScheduler scheduler = clusters.subscribe(cluster, RawScheduler.framework("state", true).setWebuiUrl("http://ui").build());
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
}
