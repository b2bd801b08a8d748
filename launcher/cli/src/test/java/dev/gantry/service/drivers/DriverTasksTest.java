package dev.gantry.service.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver task's command, run by a real {@code /bin/sh} as a Mesos command executor runs it. */
class DriverTasksTest {
    private static final String TRICKY_SPEC = "name: it's \"quoted\"\n# $HOME `date` $(rm -rf /) \\n %s %%\n"
            + "spark:\n  spark.ui.enabled: \"false\"\n\n\n";

    @TempDir
    Path sandbox;

    /** Runs {@code command} in the sandbox with exactly its environment (plus PATH); returns the exit code. */
    private int run(CommandInfo command) throws Exception {
        assertThat(command.getShell()).isTrue();
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command.getValue()).directory(sandbox.toFile())
                .redirectOutput(sandbox.resolve("stdout").toFile()).redirectError(sandbox.resolve("stderr").toFile());
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path);
        for (Environment.Variable variable : command.getEnvironment().getVariablesList()) {
            env.put(variable.getName(), variable.getValue());
        }
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static DriverRequest request(String spec, DriverCommand command) {
        return DriverRequest.of("job-1", spec, Path.of("/tmp/out dir/it's")).withCommand(command);
    }

    @Test
    void theSpecReachesTheSandboxByteForByteAndThePidFileNamesTheExecedDriver() throws Exception {
        CommandInfo command = DriverTasks.command(request(TRICKY_SPEC,
                DriverCommand.shell("exec sh -c 'echo $$ > exec.pid; env > env.txt; exit 3'")), "mesos://m:5050");

        assertThat(run(command)).as(Files.readString(sandbox.resolve("stderr"))).isEqualTo(3);
        assertThat(sandbox.resolve("job.yaml")).hasContent(TRICKY_SPEC);
        assertThat(Files.readString(sandbox.resolve("driver.pid")).strip())
                .isEqualTo(Files.readString(sandbox.resolve("exec.pid")).strip());
        assertThat(Files.readString(sandbox.resolve("env.txt"))).as("the spec is not handed on to the driver")
                .doesNotContain(DriverTasks.SPEC_VARIABLE);
    }

    @Test
    void aRealDriverRunsGantryRunOfTheSpecAgainstTheFrameworksMasterIntoTheOutputDirectory() throws Exception {
        GantryInstall install = new GantryInstall(Path.of("/opt/gantry"), Path.of("/bin/echo"), "/opt/gantry/a.jar:/x/*",
                List.of("--add-opens=java.base/java.lang=ALL-UNNAMED"));
        // echo stands in for java: the first "java" (OutputRelease) prints and succeeds, the exec'd one prints the launch.
        CommandInfo command = DriverTasks.command(request("name: x\n",
                DriverCommand.gantryRun(install, List.of("training.epochs=1"))), "mesos://zk://z:2181/mesos");

        assertThat(run(command)).isZero();
        List<String> printed = Files.readAllLines(sandbox.resolve("stdout"));
        assertThat(printed).containsExactly(
                "-cp /opt/gantry/a.jar:/x/* dev.gantry.service.drivers.OutputRelease /tmp/out dir/it's",
                "--add-opens=java.base/java.lang=ALL-UNNAMED -Dgantry.root=/opt/gantry -cp /opt/gantry/a.jar:/x/*"
                        + " dev.gantry.cli.GantryCli run job.yaml --master mesos://zk://z:2181/mesos"
                        + " --set output.directory=/tmp/out dir/it's --set training.epochs=1");
    }

    @Test
    void requestsThatCannotBeRunAreRefused() {
        Path out = Path.of("/tmp/out");
        assertThatThrownBy(() -> DriverRequest.of("j", "x", Path.of("relative"))).hasMessageContaining("not absolute");
        assertThatThrownBy(() -> DriverRequest.of("j", " \n", out)).hasMessageContaining("empty");
        assertThatThrownBy(() -> DriverRequest.of("j", "x".repeat(DriverRequest.MAX_SPEC_BYTES + 1), out))
                .hasMessageContaining("larger than");
        assertThatThrownBy(() -> DriverRequest.of("j", "x", out).withResources(0, 100)).hasMessageContaining("positive");
        assertThatThrownBy(() -> DriverRequest.of("j", "x", out).withEnvironment(Map.of("GANTRY_JOB_SPEC", "y")))
                .hasMessageContaining("not allowed");
        assertThat(DriverRequest.of("j", "x", out).nextAttempt().taskId()).isEqualTo("driver-j-2");
    }
}
