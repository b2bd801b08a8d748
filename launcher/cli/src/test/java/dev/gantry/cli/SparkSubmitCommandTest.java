package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** spark-submit's own work, with applications that need no Spark: input checks, configuration, class loading. */
class SparkSubmitCommandTest {
    @TempDir
    static Path jars;

    @TempDir
    Path temp;

    private static Path app;
    private static Path extraJar;

    @BeforeAll
    static void buildApplications() throws IOException {
        app = TestApps.recordingJar(jars);
        extraJar = TestJars.jar(jars, "extra.jar", Map.of("Extra", "public class Extra {}"));
    }

    @AfterEach
    void noSparkPropertyIsLeftBehind() {
        assertThat(System.getProperties().stringPropertyNames()).noneMatch(key -> key.startsWith("spark."));
    }

    @Test
    void badInputIsOneLineNamingWhatIsWrongAndRunsNothing() throws IOException {
        Path notAJar = Files.writeString(temp.resolve("notes.jar"), "not a zip");
        Path output = temp.resolve("ran");
        String jar = app.toString();
        String[][] cases = {
            {"--master", "local[1]", "--class", "RecordingApp", "/nonexistent/app.jar", output.toString()},
            {"--master", "local[1]", "--class", "NoSuchMain", jar, output.toString()},
            {"--class", "com.example.Missing", jar, output.toString()},
            {"--master", "local[1]", "--conf", "spark.foo", "--class", "RecordingApp", jar, output.toString()},
            {"--master", "local[1]", "--conf", "=bar", "--class", "RecordingApp", jar, output.toString()},
            {"--master", "local[1]", jar, output.toString()},
            {"--master", "local[1]", "--class", "InstanceMain", jar, output.toString()},
            {"--master", "local[1]", "--class", "RecordingApp", notAJar.toString(), output.toString()},
            {"--master", "local[1]", "--jars", "/nonexistent/dep.jar", "--class", "RecordingApp", jar, output.toString()},
            {"--master", "local[1]", "--jars", "hdfs://nn/dep.jar", "--class", "RecordingApp", jar, output.toString()},
            {"--master", "local[1]", "--properties-file", "/nonexistent/spark.conf", "--class", "RecordingApp", jar},
            {"--master", "mesos://10.0.0.1:5050", "--gpus", "2", "--class", "RecordingApp", jar, output.toString()},
            {"--agents", "0", "--class", "RecordingApp", jar, output.toString()},
            {"--conf", "spark.authenticate.secret=hunter2-on-the-command-line", "--class", "RecordingApp", jar,
                output.toString()},
            {"--conf", "spark.authenticate=true", "--conf", "spark.authenticate.secret.file=/nonexistent/secret",
                "--class", "RecordingApp", jar, output.toString()},
        };
        String[][] named = {
            {"app jar not found", "/nonexistent/app.jar"},
            {"class NoSuchMain not found in", jar},
            {"class com.example.Missing not found in", jar},
            {"--conf", "'spark.foo'"},
            {"--conf", "'=bar'"},
            {"--class"},
            {"class InstanceMain has no public static void main(String[])"},
            {"cannot read app jar", notAJar.toString()},
            {"--jars entry not found", "/nonexistent/dep.jar"},
            {"--jars", "hdfs://nn/dep.jar", "not a local file"},
            {"--properties-file", "/nonexistent/spark.conf"},
            {"--gpus", "mesos://10.0.0.1:5050"},
            {"--agents"},
            {"--conf", "spark.authenticate.secret", "spark.authenticate.secret.file", "GANTRY_SPARK_AUTH_SECRET"},
            {"spark.authenticate.secret.file", "no such file", "/nonexistent/secret"},
        };
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(List.of("spark-submit"));
            args.addAll(List.of(cases[i]));
            List<ClusterSpec> started = new ArrayList<>();
            CliRun result = CliRun.with(clusterStarter(started), args.toArray(String[]::new));
            String what = String.join(" ", cases[i]);
            assertThat(result.exit()).as("exit code for %s", what).isEqualTo(2);
            assertThat(result.err().strip()).as("error for %s", what)
                    .startsWith("gantry: ").contains(named[i]).doesNotContain("\n").doesNotContain("hunter2");
            assertThat(output).as("application run for %s", what).doesNotExist();
            assertThat(started).as("cluster started for %s", what).isEmpty();
        }
    }

    @Test
    void theApplicationGetsSparkConfigurationArgumentsAndItsOwnClassLoader() throws IOException {
        Path defaults = Files.writeString(temp.resolve("spark.conf"),
                "spark.foo=from-file\nspark.kept = from-file \nnot.spark=x\n");
        Path output = temp.resolve("seen.properties");
        System.setProperty("spark.set.before", "kept");
        try {
            CliRun result = CliRun.of("spark-submit", "--master", "local[3]", "--properties-file", defaults.toString(),
                    "--conf", "spark.foo=bar", "--conf", "spark.eq=a=b", "--conf", "other=y", "--name", "sums",
                    "--jars", extraJar.toString(), "--class", "RecordingApp", app.toString(),
                    output.toString(), "--conf", "x", "--class", "y");

            assertThat(result.exit()).as(result.err()).isZero();
            Properties seen = TestApps.read(output);
            assertThat(seen).containsEntry("spark.foo", "bar").containsEntry("spark.kept", "from-file")
                    .containsEntry("spark.eq", "a=b").containsEntry("spark.master", "local[3]")
                    .containsEntry("spark.app.name", "sums").containsEntry("spark.submit.deployMode", "client")
                    .containsEntry("spark.jars", app.toAbsolutePath() + "," + extraJar.toAbsolutePath())
                    .containsEntry("spark.set.before", "kept")
                    .containsEntry("args", "--conf x --class y")
                    .containsEntry("contextLoaderIsMine", "true")
                    .doesNotContainKeys("not.spark", "other");
            assertThat(result.err()).contains("ignoring 'not.spark'").contains("ignoring 'other'")
                    .doesNotContain("embedded cluster");
            assertThat(System.getProperty("spark.set.before")).isEqualTo("kept");
            assertThat(System.getProperty("spark.foo")).isNull();
            assertThat(System.getProperty("spark.set.by.the.app")).isNull();
        } finally {
            System.clearProperty("spark.set.before");
        }
    }

    @Test
    void withoutFlagsTheNameIsTheMainClassAndTheMasterMayComeFromConf() throws IOException {
        Path output = temp.resolve("seen.properties");
        List<ClusterSpec> started = new ArrayList<>();
        CliRun result = CliRun.with(clusterStarter(started), "spark-submit", "--conf", "spark.master=local[1]",
                "--conf", "spark.jars=" + extraJar.toUri(), "--class", "RecordingApp", app.toString(), output.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(TestApps.read(output)).containsEntry("spark.app.name", "RecordingApp")
                .containsEntry("spark.master", "local[1]")
                .containsEntry("spark.jars", app.toAbsolutePath() + "," + extraJar.toAbsolutePath());
        assertThat(started).isEmpty();
    }

    @Test
    void anApplicationsExceptionIsPrintedWithItsStackTraceAndExitsOne() throws IOException {
        // An IllegalArgumentException, which from Gantry itself would mean bad input (exit 2).
        CliRun result = CliRun.of("spark-submit", "--master", "local[1]", "--class", "ThrowingApp", app.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("gantry: application ThrowingApp failed: java.lang.IllegalArgumentException:"
                + " the application's own bad input").contains("ThrowingApp.main(ThrowingApp.java:3)");
    }

    @Test
    void withoutAMasterAnEmbeddedClusterOfTheGivenShapeServesAndStopsAfterwards() throws IOException {
        Path output = temp.resolve("seen.properties");
        List<ClusterSpec> started = new ArrayList<>();
        List<LocalCluster> clusters = new ArrayList<>();
        CliRun result = CliRun.with(clusterStarter(started, clusters), "spark-submit", "--agents", "3", "--cpus", "2",
                "--mem", "1024", "--gpus", "1", "--class", "RecordingApp", app.toString(), output.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(started).hasSize(1);
        ClusterSpec spec = started.get(0);
        assertThat(spec.agents()).hasSize(3).allSatisfy(agent -> {
            assertThat(agent.cpus()).isEqualTo(2);
            assertThat(agent.memMb()).isEqualTo(1024);
            assertThat(agent.gpus()).isEqualTo(1);
        });
        assertThat(spec.host()).isEqualTo("127.0.0.1");
        assertThat(spec.port()).isZero();

        String master = TestApps.read(output).getProperty("spark.master");
        assertThat(master).startsWith("mesos://127.0.0.1:");
        assertThat(result.err().lines().filter(line -> line.contains("embedded cluster")))
                .singleElement().asString().contains(master).contains("3 agent(s) of 2 CPUs, 1024 MB and 1 GPU(s)");
        assertThat(clusters).singleElement().satisfies(cluster -> assertThat(cluster.closed()).isTrue());
    }

    @Test
    void theEmbeddedClusterStopsWhenTheApplicationFailsAndDefaultsToTwoCpuAgentsOfFourCpus() {
        List<ClusterSpec> started = new ArrayList<>();
        List<LocalCluster> clusters = new ArrayList<>();
        CliRun result = CliRun.with(clusterStarter(started, clusters), "spark-submit", "--class", "ThrowingApp",
                app.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(started).singleElement().satisfies(spec -> assertThat(spec.agents()).hasSize(2).allSatisfy(agent -> {
            assertThat(agent.cpus()).isEqualTo(4);
            assertThat(agent.memMb()).isEqualTo(8192);
            assertThat(agent.gpus()).isZero();
        }));
        // Asked of the cluster, not of its port: a probe of a freed ephemeral port can connect to
        // itself or to whoever took the port since, and did once in CI.
        assertThat(clusters).singleElement().satisfies(cluster -> assertThat(cluster.closed()).isTrue());
    }

    @Test
    void systemPropertiesAreRestoredEvenWhenSetMeanwhile() {
        System.setProperty("spark.outer", "1");
        try (SparkSystemProperties applied = SparkSystemProperties.apply(Map.of("spark.outer", "2",
                "spark.inner", "3"))) {
            assertThat(System.getProperty("spark.outer")).isEqualTo("2");
            System.setProperty("spark.meanwhile", "4");
        } finally {
            assertThat(System.getProperty("spark.outer")).isEqualTo("1");
            assertThat(System.getProperty("spark.inner")).isNull();
            assertThat(System.getProperty("spark.meanwhile")).isNull();
            System.clearProperty("spark.outer");
        }
        assertThatThrownBy(() -> SparkSystemProperties.apply(Map.of("spark.a", "1", "user.dir", "/")))
                .hasMessageContaining("user.dir");
        assertThat(System.getProperty("spark.a")).isNull();
    }

    /** Commands as GantryCli makes them, with spark-submit's embedded clusters recorded into {@code started}. */
    private static CommandLine.IFactory clusterStarter(List<ClusterSpec> started) {
        return clusterStarter(started, new ArrayList<>());
    }

    private static CommandLine.IFactory clusterStarter(List<ClusterSpec> started, List<LocalCluster> clusters) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == SparkSubmitCommand.class) {
                    return type.cast(new SparkSubmitCommand(spec -> {
                        started.add(spec);
                        LocalCluster cluster = LocalCluster.start(spec);
                        clusters.add(cluster);
                        return cluster;
                    }));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
    }
}
