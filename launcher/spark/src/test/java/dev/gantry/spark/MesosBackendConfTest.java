package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.placement.GpuAgentUse;
import dev.gantry.placement.PlacementPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.util.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

class MesosBackendConfTest {
    private static MesosBackendConf read(String... pairs) {
        SparkConf conf = new SparkConf(false);
        for (int i = 0; i < pairs.length; i += 2) {
            conf.set(pairs[i], pairs[i + 1]);
        }
        return MesosBackendConf.from(conf);
    }

    @Test
    void defaultsAreOneCoreOneGigTwoExecutorsAndNoGpus() {
        MesosBackendConf conf = read();
        assertThat(conf.executorCores()).isEqualTo(1);
        assertThat(conf.executorMemoryMb()).isEqualTo(1024 + 384);
        assertThat(conf.executorGpus()).isZero();
        assertThat(conf.staticExecutors()).isEqualTo(2);
        assertThat(conf.role()).isEqualTo("*");
        assertThat(conf.policy()).isNull();
        assertThat(conf.shape().usesGpus()).isFalse();
        assertThat(conf.declines().unmetConstraints()).isEqualTo(120);
        assertThat(conf.declines().nothingFits()).isEqualTo(5);
    }

    @Test
    void sparkThreeFiveMesosKeysKeepTheirMeaning() {
        MesosBackendConf conf = read("spark.executor.memory", "4g", "spark.mesos.executor.memoryOverhead", "1024",
                "spark.cores.max", "10", "spark.executor.cores", "4", "spark.mesos.gpus.max", "3",
                "spark.mesos.role", "ml", "spark.mesos.constraints", "gpu_model:H100",
                "spark.mesos.rejectOfferDuration", "60s", "spark.mesos.rejectOfferDurationForReachedMaxCores", "300s",
                "spark.mesos.task.labels", "team:vision,note:a\\:b", "spark.mesos.uris", "/a.tgz, /b.zip",
                "spark.mesos.driver.failoverTimeout", "90s", "spark.mesos.coarse.shutdownTimeout", "3s");
        assertThat(conf.executorMemoryMb()).isEqualTo(4096 + 1024);
        // gpus.max alone asks for one GPU per executor, and caps executors at three.
        assertThat(conf.executorGpus()).isEqualTo(1);
        assertThat(conf.staticExecutors()).isEqualTo(2); // cores.max 10 / 4 cores = 2 < gpus.max 3
        assertThat(conf.role()).isEqualTo("ml");
        assertThat(conf.constraints()).hasSize(1);
        assertThat(conf.declines().unmetConstraints()).isEqualTo(60);
        assertThat(conf.declines().demandSatisfied()).isEqualTo(300);
        assertThat(conf.labels()).containsExactly(Map.entry("team", "vision"), Map.entry("note", "a:b"));
        assertThat(conf.uris()).containsExactly("/a.tgz", "/b.zip");
        assertThat(conf.failoverTimeoutSeconds()).isEqualTo(90);
        assertThat(conf.shutdownTimeoutMillis()).isEqualTo(3000);
    }

    @Test
    void whatTheBackendOnceReadFromSparkConfAtStartIsReadWithTheRest() {
        MesosBackendConf defaults = read();
        assertThat(defaults.checkpoint()).isFalse();
        assertThat(defaults.webUiUrl()).isEmpty();
        assertThat(defaults.subscribeTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(defaults.executorHeapMb()).isEqualTo(1024);
        assertThat(defaults.extraClasspath()).isEmpty();
        MesosBackendConf set = read("spark.mesos.checkpoint", "true", "spark.mesos.driver.webui.url", "http://ui:4040",
                "spark.gantry.subscribeTimeout", "5s", "spark.executor.memory", "3g",
                "spark.executor.extraClassPath", "/opt/extra/*");
        assertThat(set.checkpoint()).isTrue();
        assertThat(set.webUiUrl()).contains("http://ui:4040");
        assertThat(set.subscribeTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(set.executorHeapMb()).isEqualTo(3072);
        assertThat(set.executorMemoryMb()).isEqualTo(3072 + 384);
        assertThat(set.extraClasspath()).contains("/opt/extra/*");
        assertThatThrownBy(() -> read("spark.gantry.subscribeTimeout", "soon"))
                .hasMessage("spark.gantry.subscribeTimeout has an invalid value 'soon'");
    }

    @Test
    void sparksOwnGpuAmountWinsAndMustBeWhole() {
        assertThat(read("spark.executor.resource.gpu.amount", "2", "spark.mesos.executor.gpus", "1").executorGpus())
                .isEqualTo(2);
        assertThat(read("spark.mesos.executor.gpus", "4").executorGpus()).isEqualTo(4);
        assertThatThrownBy(() -> read("spark.mesos.executor.gpus", "0.5"))
                .hasMessage("spark.mesos.executor.gpus is 0.5, but Mesos gives whole GPUs only (\"The 'gpus' resource"
                        + " must be an unsigned integer\"): ask for 1 or more per executor and share them between"
                        + " tasks with spark.task.resource.gpu.amount");
    }

    @Test
    void gantryKeysChoosePolicyGangAndGpuAgentUse() {
        MesosBackendConf conf = read("spark.gantry.placement.policy", "spread", "spark.gantry.gang.enabled", "true",
                "spark.gantry.gang.timeout", "45s", "spark.gantry.cpuExecutorsOnGpuAgents", "never");
        assertThat(conf.policy()).isSameAs(PlacementPolicy.SPREAD);
        assertThat(conf.gang()).hasValueSatisfying(g -> assertThat(g.timeoutMillis()).isEqualTo(45_000));
        assertThat(conf.gpuAgentUse()).isEqualTo(GpuAgentUse.NEVER);
    }

    @Test
    void executorFailuresFollowSparksRuleUnlessMaxNumFailuresIsSet() {
        MesosBackendConf defaults = read();
        assertThat(defaults.executorFailureLimit(1)).isEqualTo(3);
        assertThat(defaults.executorFailureLimit(5)).isEqualTo(10);
        assertThat(defaults.testAssignGpuIds()).as("never on by default").isFalse();
        assertThat(read("spark.executor.maxNumFailures", "1").executorFailureLimit(5)).isEqualTo(1);
        assertThatThrownBy(() -> read("spark.executor.maxNumFailures", "0"))
                .hasMessageStartingWith("spark.executor.maxNumFailures");
        assertThat(read(SparkKeys.TEST_ASSIGN_GPU_IDS, "true").testAssignGpuIds()).isTrue();
    }

    @Test
    void reconciliationEveryMinuteAndFiveMinutesForAnExecutorToReport() {
        MesosBackendConf defaults = read();
        assertThat(defaults.reconcileInterval()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(defaults.executorStartTimeoutNanos()).isEqualTo(java.util.concurrent.TimeUnit.SECONDS.toNanos(300));
        assertThat(read("spark.gantry.reconcileInterval", "5s").reconcileInterval()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThatThrownBy(() -> read("spark.gantry.executor.startTimeout", "0s"))
                .hasMessageStartingWith("spark.gantry.executor.startTimeout");
    }

    @Test
    void badValuesAreOneLineNamingTheKey() {
        assertThatThrownBy(() -> read("spark.executor.cores", "two")).hasMessage("spark.executor.cores has an invalid value 'two'");
        assertThatThrownBy(() -> read("spark.gantry.placement.policy", "random"))
                .hasMessage("spark.gantry.placement.policy has an invalid value 'random'");
        assertThatThrownBy(() -> read("spark.mesos.containerizer", "docker", "spark.executor.resource.gpu.amount", "1",
                "spark.mesos.executor.docker.image", "img")).hasMessageStartingWith("spark.mesos.containerizer is docker,"
                + " but Mesos gives GPUs only to the Mesos containerizer");
        assertThatThrownBy(() -> read("spark.mesos.constraints", "gpu_model:")).hasMessageContaining("gpu_model:");
        assertThatThrownBy(() -> read("spark.mesos.task.labels", "novalue")).hasMessageStartingWith("spark.mesos.task.labels");
    }

    @Test
    void aPrincipalWithoutASecretIsThePrincipalAloneWithNoCredential() {
        MesosBackendConf conf = read("spark.mesos.principal", "ml");

        assertThat(conf.principal()).contains("ml");
        assertThat(conf.credential()).isEmpty();
    }

    @Test
    void aPrincipalWithASecretIsBothThePrincipalAndItsCredential() {
        MesosBackendConf conf = read("spark.mesos.principal", "ml", "spark.mesos.secret", "hunter2");

        assertThat(conf.principal()).contains("ml");
        assertThat(conf.credential()).hasValueSatisfying(c -> assertThat(c.principal()).isEqualTo("ml"));
    }

    @Test
    void theSecretComesFromConfOrFileAndSparkRedactsIt(@TempDir Path temp) throws Exception {
        assertThat(read("spark.mesos.principal", "ml", "spark.mesos.secret", "hunter2").credential())
                .hasValueSatisfying(c -> assertThat(c.principal()).isEqualTo("ml"));
        Path secret = temp.resolve("secret");
        Files.writeString(secret, "from-file\n");
        Path principal = temp.resolve("principal");
        Files.writeString(principal, "team\n");
        MesosBackendConf fromFiles = read("spark.mesos.principal.file", principal.toString(),
                "spark.mesos.secret.file", secret.toString());
        assertThat(fromFiles.credential()).hasValueSatisfying(c -> {
            assertThat(c.principal()).isEqualTo("team");
            assertThat(c.toString()).doesNotContain("from-file");
        });
        SparkConf conf = new SparkConf(false).set("spark.mesos.secret", "hunter2");
        List<Tuple2<String, String>> shown = CollectionConverters.asJava(Utils.redact(conf,
                CollectionConverters.asScala(List.of(new Tuple2<>("spark.mesos.secret", "hunter2"))).toSeq()));
        assertThat(shown.get(0)._2()).doesNotContain("hunter2");
    }
}
