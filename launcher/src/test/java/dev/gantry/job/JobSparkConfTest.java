package dev.gantry.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSparkConfTest {

    @Test
    void aGpuJobAsksForWholeGpusPerExecutorAndGivesThemAllToItsOneTask() {
        JobSpec spec = Specs.read(Specs.FULL.replaceAll("(?s)spark:\\n.*?output:", "output:"));

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("spark.app.name", "full-example");
        expected.put("spark.executor.instances", "4");
        expected.put("spark.executor.cores", "3");
        expected.put("spark.task.cpus", "3");
        expected.put("spark.executor.memory", "6g");
        expected.put("spark.executor.resource.gpu.amount", "2");
        expected.put("spark.task.resource.gpu.amount", "2");
        expected.put("spark.gantry.placement.policy", "spread");
        expected.put("spark.gantry.gang.enabled", "true");
        expected.put("spark.gantry.gang.timeout", "90s");
        expected.put("spark.mesos.constraints", "gpu_model:H100,A100;gpu_memory_mb:40960");
        expected.put("spark.dynamicAllocation.enabled", "false");
        assertThat(spec.sparkConf()).containsExactlyEntriesOf(expected);
    }

    @Test
    void aCpuOnlyJobAsksForNoGpusAtAll() {
        Map<String, String> conf = Specs.read(Specs.MINIMAL).sparkConf();

        assertThat(conf).containsEntry("spark.executor.instances", "1").containsEntry("spark.executor.cores", "1")
                .containsEntry("spark.task.cpus", "1").containsEntry("spark.executor.memory", "2g")
                .containsEntry("spark.gantry.placement.policy", "binpack")
                .containsEntry("spark.gantry.gang.timeout", "2m")
                .containsEntry("spark.dynamicAllocation.enabled", "false")
                .doesNotContainKeys("spark.executor.resource.gpu.amount", "spark.task.resource.gpu.amount",
                        "spark.mesos.constraints");
    }

    @Test
    void theSpecsSparkMapComesLastAndWins() {
        Map<String, String> conf = Specs.read(Specs.FULL, "spark.spark.dynamicAllocation.enabled=true").sparkConf();

        assertThat(conf).containsEntry("spark.executor.memory", "8g").containsEntry("spark.mesos.role", "ml")
                .containsEntry("spark.dynamicAllocation.enabled", "true");
        assertThat(conf.keySet()).endsWith("spark.mesos.role");
    }
}
