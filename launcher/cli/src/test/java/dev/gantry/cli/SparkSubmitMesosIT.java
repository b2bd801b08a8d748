package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gantry spark-submit} against Mesos: the embedded cluster it starts, and what it refuses up front. */
class SparkSubmitMesosIT {

    @Test
    void withoutAMasterTheApplicationRunsOnAnEmbeddedMesosCluster(@TempDir Path temp) throws Exception {
        Path app = TestApps.sumJar(temp);
        Path output = temp.resolve("seen.properties");
        CliRun result = CliRun.of("spark-submit", "--agents", "2", "--cpus", "2", "--mem", "4096",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=512m",
                "--class", "SumApp", app.toString(), output.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).contains("started an embedded cluster at mesos://127.0.0.1:");
        Properties seen = TestApps.read(output);
        assertThat(seen.getProperty("sum")).isEqualTo("15");
        assertThat(seen.getProperty("spark.master")).startsWith("mesos://127.0.0.1:");
        assertThat(seen.getProperty("spark.driver.host")).isEqualTo("127.0.0.1");
    }

    @Test
    void halfAGpuPerExecutorIsOneLineAndNothingStarts(@TempDir Path temp) throws Exception {
        Path app = TestApps.sumJar(temp);
        CliRun result = CliRun.of("spark-submit", "--gpus", "2",
                "--conf", "spark.executor.resource.gpu.amount=0.5", "--conf", "spark.task.resource.gpu.amount=0.5",
                "--class", "SumApp", app.toString(), temp.resolve("never").toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n")
                .startsWith("gantry: spark.executor.resource.gpu.amount is 0.5, but Mesos gives whole GPUs only");
        assertThat(result.err()).doesNotContain("started an embedded cluster");
        assertThat(temp.resolve("never")).doesNotExist();
    }
}
