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
        expected.put("spark.mesos.checkpoint", "true");
        expected.put("spark.mesos.driver.failoverTimeout", "300s");
        expected.put("spark.dynamicAllocation.enabled", "false");
        expected.put("spark.executorEnv.OMP_NUM_THREADS", Integer.toString(spec.toTrainingJob().config().threads()));
        assertThat(spec.sparkConf()).containsExactlyEntriesOf(expected);
    }

    @Test
    void nativeThreadsFollowTheWorkersCpusUnlessTrainingThreadsSaysOtherwise() {
        assertThat(Specs.read(Specs.MINIMAL, "resources.cpusPerWorker=3").sparkConf())
                .containsEntry("spark.executorEnv.OMP_NUM_THREADS", "3");
        assertThat(Specs.read(Specs.MINIMAL, "resources.cpusPerWorker=3", "training.threads=2").sparkConf())
                .containsEntry("spark.executorEnv.OMP_NUM_THREADS", "2");
        assertThat(Specs.read(Specs.MINIMAL, "spark.spark.executorEnv.OMP_NUM_THREADS=8").sparkConf())
                .containsEntry("spark.executorEnv.OMP_NUM_THREADS", "8");
    }

    @Test
    void anExecutorImageRunsTheJobsBackendClasspathFromTheImage() {
        assertThat(Specs.read(Specs.MINIMAL, "spark.spark.mesos.executor.docker.image=gantry-executor:0.1.0").sparkConf())
                .containsEntry("spark.gantry.executor.classpath", "/opt/gantry/backends/tensorflow/*");
        assertThat(Specs.read(Specs.MINIMAL, "spark.spark.mesos.executor.docker.image=x",
                "spark.spark.gantry.executor.classpath=/mine/*").sparkConf())
                .containsEntry("spark.gantry.executor.classpath", "/mine/*");
        assertThat(Specs.read(Specs.MINIMAL).sparkConf()).doesNotContainKey("spark.gantry.executor.classpath");
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
