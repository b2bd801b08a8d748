package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real Spark application through gantry spark-submit, on Spark's local master in this JVM. */
class SparkSubmitLocalSparkTest {

    @Test
    @Timeout(60)
    void aSparkApplicationSumsOneToFiveWithTheGivenConfiguration(@TempDir Path temp) throws Exception {
        Path app = TestApps.sumJar(temp);
        Path output = temp.resolve("seen.properties");

        CliRun result = CliRun.of("spark-submit", "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.foo=bar", "--class", "SumApp", app.toString(), output.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        Properties seen = TestApps.read(output);
        assertThat(seen).containsEntry("sum", "15").containsEntry("spark.foo", "bar")
                .containsEntry("spark.master", "local[2]").containsEntry("spark.app.name", "SumApp")
                .containsEntry("spark.submit.deployMode", "client")
                .containsEntry("spark.jars", app.toAbsolutePath().toString());
        assertThat(System.getProperties().stringPropertyNames()).noneMatch(key -> key.startsWith("spark."));
    }
}
