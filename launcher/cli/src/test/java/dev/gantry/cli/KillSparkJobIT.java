package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterRegistry;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantry kill} on a Spark job running on the embedded cluster, with real executor JVMs:
 * its running job fails at once with the reason and its SparkContext stops, instead of waiting
 * for executors that can never come back.
 */
class KillSparkJobIT {
    @TempDir
    Path temp;

    @Test
    void aKilledJobFailsPromptlySayingItWasTornDownAndItsContextStops() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder()
                .agents(2, AgentSpec.builder().cpus(2).memMb(4096).build()).build());
             ClusterRegistry.Registration registration = new ClusterRegistry(temp).register(cluster.mesosUrl())) {
            JavaSparkContext jsc = SparkJobs.context(cluster.mesosUrl(), "doomed-job", 2);
            try {
                CompletableFuture<Long> job = SparkJobs.endless(jsc, 4);
                SparkJobs.await("tasks running on both executors", Duration.ofSeconds(90), () -> SparkJobs.activeTasks(jsc) >= 2);

                // No --master: the registry names the one embedded cluster.
                CliRun kill = CliRun.with(OperatorCommands.with(name -> null, new ClusterRegistry(temp)),
                        "kill", "doomed-job");
                assertThat(kill.exit()).as(kill.err()).isZero();
                long killed = System.nanoTime();

                Throwable failure = null;
                try {
                    job.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failure = e.getCause();
                }
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
                assertThat(failure).as("the running job failed").isNotNull();
                assertThat(failure).hasMessageContaining("was torn down")
                        .hasMessageContaining("Mesos framework " + jsc.sc().applicationId());
                assertThat(seconds).as("seconds from kill to the job's failure").isLessThan(10);
                SparkJobs.await("the SparkContext to stop", Duration.ofSeconds(20), () -> jsc.sc().isStopped());

                JsonNode state = cluster.state().json();
                assertThat(state.path("frameworks")).isEmpty();
                assertThat(state.path("completed_frameworks").get(0).path("name").asText()).isEqualTo("doomed-job");
                SparkJobs.await("the executors to end", Duration.ofSeconds(20), () -> cluster.state().json()
                        .path("completed_frameworks").get(0).path("tasks").isEmpty());
                CliRun status = CliRun.with(OperatorCommands.with(name -> null, new ClusterRegistry(temp)), "status");
                assertThat(status.out()).contains("No jobs running.");
            } finally {
                SparkJobs.stopped(jsc);
            }
        }
    }

    @Test
    void aKilledApplicationBetweenJobsStopsItsContextToo() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder()
                .agent(AgentSpec.builder().cpus(2).memMb(4096).build()).build())) {
            // No executors: the application is between jobs, holding nothing.
            JavaSparkContext jsc = SparkJobs.context(cluster.mesosUrl(), "idle-job", 0);
            try {
                CliRun kill = CliRun.with(OperatorCommands.with(name -> null, new ClusterRegistry(temp)),
                        "kill", "idle-job", "--master", cluster.mesosUrl());
                assertThat(kill.exit()).as(kill.err()).isZero();
                SparkJobs.await("the SparkContext to stop", Duration.ofSeconds(10), () -> jsc.sc().isStopped());
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jsc.parallelize(List.of(1)).count()))
                        .hasMessageContaining("stopped SparkContext");
            } finally {
                SparkJobs.stopped(jsc);
            }
        }
    }
}
