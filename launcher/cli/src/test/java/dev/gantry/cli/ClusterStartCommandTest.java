package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.localcluster.ClusterSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClusterStartCommandTest {

    @Test
    void badInputIsOneLineNamingTheOptionAndExitCode2() {
        String[][] cases = {
            {"--agents", "x"},
            {"--agents", "0"},
            {"--gpus", "-1"},
            {"--gpus", "1.5"},
            {"--cpus", "0"},
            {"--mem", "-5"},
            {"--reserve", "ml:gpus=0.5"},
            {"--reserve", "ml:cpus=100"},
            {"--attributes", "rack"},
            {"--credentials", "/nonexistent/credentials"},
            {"--no-such-option"},
        };
        String[] named = {"--agents", "--agents", "--gpus", "--gpus", "--cpus", "--mem", "--reserve", "reservations exceed",
            "--attributes", "/nonexistent/credentials", "--no-such-option"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 2];
            args[0] = "cluster";
            args[1] = "start";
            System.arraycopy(cases[i], 0, args, 2, cases[i].length);
            CliRun result = CliRun.of(args);
            assertThat(result.exit()).as("exit code for %s", String.join(" ", cases[i])).isEqualTo(2);
            assertThat(result.err().strip()).as("error for %s", String.join(" ", cases[i]))
                    .startsWith("gantry: ").contains(named[i]).doesNotContain("\n");
        }
    }

    @Test
    void optionsBecomeTheClusterSpec(@TempDir Path temp) throws Exception {
        Path credentials = temp.resolve("creds");
        Files.writeString(credentials, "{\"credentials\":[{\"principal\":\"ml\",\"secret\":\"x\"}]}");
        ClusterStartCommand command = new ClusterStartCommand();
        new CommandLine(command).parseArgs("--agents", "3", "--cpus", "8", "--mem", "16384", "--gpus", "4",
                "--gpu-model", "H100", "--attributes", "rack:r1;zone:z", "--reserve", "ml:cpus=2,mem=1024,gpus=1",
                "--port", "0", "--credentials", credentials.toString());
        ClusterSpec spec = command.clusterSpec();
        assertThat(spec.agents()).hasSize(3);
        assertThat(spec.agents().get(0).gpus()).isEqualTo(4);
        assertThat(spec.agents().get(0).gpuModel()).isEqualTo("H100");
        assertThat(spec.agents().get(0).attributes()).containsEntry("rack", "r1").containsEntry("zone", "z");
        assertThat(spec.agents().get(0).reservations().get("ml").gpus()).isEqualTo(1);
        assertThat(spec.host()).isEqualTo("127.0.0.1");
        assertThat(spec.credentials().toString()).contains("ml").doesNotContain("\"x\"");
    }
}
