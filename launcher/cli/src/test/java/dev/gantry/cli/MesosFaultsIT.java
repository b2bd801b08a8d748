package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.testing.MesosBundle;
import dev.gantry.testing.RealMesosCluster;
import dev.gantry.testing.ZooKeeperServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What a Spark application on Gantry keeps when real Mesos loses a part: an agent that restarts
 * (checkpointed executors survive it), an agent gone for good (its executors are replaced and the
 * job finishes), and the leading master (the driver follows the new one through ZooKeeper, its
 * executors untouched). Each job's tasks hold until the test releases them, so the fault always
 * strikes mid-job.
 */
class MesosFaultsIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    private static Set<String> executorIds(JavaSparkContext jsc) {
        return new TreeSet<>(CollectionConverters.asJava(jsc.sc().getExecutorIds()));
    }

    /** Agents of two cpus: an executor of two cores each, so the two executors are on different agents. */
    private static AgentSpec agent(int cpus) {
        return AgentSpec.builder().cpus(cpus).memMb(3000).build();
    }

    @Test
    void anAgentRestartedWithCheckpointingKeepsItsExecutorsAndTheJobFinishes() throws Exception {
        try (RealMesosCluster mesos = RealMesosCluster.builder(MesosBundle.require(), temp.resolve("mesos"))
                .agent(agent(2)).agent(agent(2)).start()) {
            JavaSparkContext jsc = new JavaSparkContext(SparkJobs.conf(mesos.mesosUrl(), "agent-restart", 2)
                    .set("spark.executor.cores", "2").set("spark.mesos.checkpoint", "true"));
            try {
                Path release = temp.resolve("release");
                CompletableFuture<List<String>> job = SparkJobs.heldUntil(jsc, 2, release);
                SparkJobs.await("a task on each executor", WAIT, () -> SparkJobs.activeTasks(jsc) >= 2);
                Set<String> before = executorIds(jsc);
                String agentId = mesos.agentIds().get(0);

                long killed = System.nanoTime();
                mesos.killAgent(0);
                mesos.restartAgent(0);
                mesos.awaitState(state -> state.path("activated_slaves").asInt() == 2,
                        "the restarted agent to re-register");
                System.out.printf("agent restart: re-registered with its executors %d ms after the kill%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
                assertThat(mesos.agentIds().get(0)).as("the agent recovered its identity").isEqualTo(agentId);

                Files.createFile(release);
                List<String> ranOn = job.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(ranOn).hasSize(2);
                assertThat(before).containsAll(ranOn);
                assertThat(executorIds(jsc)).as("no executor was lost or replaced").isEqualTo(before);
            } finally {
                SparkJobs.stopped(jsc);
            }
        }
    }

    @Test
    void anAgentLostForGoodHasItsExecutorReplacedAndTheJobFinishes() throws Exception {
        // The master gives up on a silent agent after two missed one-second pings instead of 75 s.
        try (RealMesosCluster mesos = RealMesosCluster.builder(MesosBundle.require(), temp.resolve("mesos"))
                .masterFlag("agent_ping_timeout", "1secs").masterFlag("max_agent_ping_timeouts", "2")
                .agent(agent(4)).agent(agent(4)).start()) {
            JavaSparkContext jsc = new JavaSparkContext(SparkJobs.conf(mesos.mesosUrl(), "agent-lost", 2)
                    .set("spark.executor.cores", "2").set("spark.gantry.placement.policy", "spread"));
            try {
                Path release = temp.resolve("release");
                CompletableFuture<List<String>> job = SparkJobs.heldUntil(jsc, 2, release);
                SparkJobs.await("a task on each executor", WAIT, () -> SparkJobs.activeTasks(jsc) >= 2);
                Set<String> before = executorIds(jsc);

                long lost = System.nanoTime();
                mesos.loseAgent(0);
                SparkJobs.await("a replacement executor", WAIT, () -> {
                    Set<String> now = executorIds(jsc);
                    return now.size() == 2 && !before.containsAll(now);
                });
                System.out.printf("agent lost: a replacement executor registered %d ms after the loss%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lost));
                Files.createFile(release);
                List<String> ranOn = job.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(ranOn).hasSize(2);
                assertThat(executorIds(jsc)).containsAll(ranOn);
            } finally {
                SparkJobs.stopped(jsc);
            }
        }
    }

    @Test
    void theDriverFollowsANewLeadingMasterAndKeepsItsExecutors() throws Exception {
        try (ZooKeeperServer zooKeeper = ZooKeeperServer.start(temp.resolve("zookeeper"));
             RealMesosCluster mesos = RealMesosCluster.builder(MesosBundle.require(), temp.resolve("mesos"))
                     .highAvailability(zooKeeper, 3).agent(agent(2)).agent(agent(2)).start()) {
            JavaSparkContext jsc = new JavaSparkContext(SparkJobs.conf(mesos.mesosUrl(), "master-failover", 2)
                    .set("spark.executor.cores", "2").set("spark.mesos.driver.failoverTimeout", "300s"));
            try {
                Path release = temp.resolve("release");
                CompletableFuture<List<String>> job = SparkJobs.heldUntil(jsc, 2, release);
                SparkJobs.await("a task on each executor", WAIT, () -> SparkJobs.activeTasks(jsc) >= 2);
                Set<String> before = executorIds(jsc);
                String frameworkId = jsc.sc().applicationId();

                long killed = System.nanoTime();
                mesos.killLeader();
                SparkJobs.await("the framework to be active on the new leader", WAIT, () -> {
                    for (com.fasterxml.jackson.databind.JsonNode framework : mesos.stateQuietly().path("frameworks")) {
                        if (framework.path("id").asText().equals(frameworkId) && framework.path("active").asBoolean()) {
                            return true;
                        }
                    }
                    return false;
                });
                System.out.printf("master failover: the driver resubscribed %d ms after the leader was killed%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));

                Files.createFile(release);
                List<String> ranOn = job.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(before).containsAll(ranOn);
                assertThat(executorIds(jsc)).as("no executor was lost or replaced").isEqualTo(before);
            } finally {
                SparkJobs.stopped(jsc);
            }
        }
    }
}
