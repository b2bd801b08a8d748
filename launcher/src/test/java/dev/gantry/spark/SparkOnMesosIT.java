package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import java.time.Duration;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** Spark 4 applications on the embedded Mesos cluster, with real executor JVMs. */
class SparkOnMesosIT {

    static SparkConf sparkConf(LocalCluster cluster, String app) {
        return new SparkConf().setMaster(cluster.mesosUrl()).setAppName(app)
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.executor.memory", "512m");
    }

    static long runningExecutors(LocalCluster cluster) {
        long running = 0;
        for (JsonNode framework : cluster.state().json().path("frameworks")) {
            for (JsonNode task : framework.path("tasks")) {
                if (task.path("state").asText().equals("TASK_RUNNING")) {
                    running++;
                }
            }
        }
        return running;
    }

    @Test
    void aCoarseGrainedJobSumsToFifteenAndItsExecutorsKeepRunning() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder()
                .agents(2, AgentSpec.builder().cpus(2).memMb(4096).build()).build())) {
            try (JavaSparkContext jsc = new JavaSparkContext(sparkConf(cluster, "sum").set("spark.executor.instances", "2"))) {
                int sum = jsc.parallelize(List.of(1, 2, 3, 4, 5), 2).reduce(Integer::sum);
                assertThat(sum).isEqualTo(15);
                assertThat(jsc.sc().applicationId()).endsWith("-0000");
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (runningExecutors(cluster) < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(runningExecutors(cluster)).isEqualTo(2);
                Thread.sleep(1000);
                assertThat(runningExecutors(cluster)).as("executors outlive the job").isEqualTo(2);
            }
            JsonNode state = cluster.state().json();
            assertThat(state.path("frameworks")).as("sc.stop() tears the framework down").isEmpty();
            assertThat(state.path("completed_frameworks").get(0).path("name").asText()).isEqualTo("sum");
        }
    }
}
