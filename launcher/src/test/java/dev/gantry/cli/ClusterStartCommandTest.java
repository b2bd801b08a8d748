package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.localcluster.ClusterSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClusterStartCommandTest {

    private static String[] runCapturingErr(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = GantryCli.run(args);
        } finally {
            System.setErr(original);
        }
        return new String[] {String.valueOf(code), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void badInputIsOneLineNamingTheOptionAndExitCode2() {
        String[][] cases = {
            {"--agents", "x"},
            {"--agents", "0"},
            {"--gpus", "-1"},
            {"--gpus", "1.5"},
            {"--reserve", "ml:gpus=0.5"},
            {"--reserve", "ml:cpus=100"},
            {"--attributes", "rack"},
            {"--credentials", "/nonexistent/credentials"},
            {"--no-such-option"},
        };
        String[] named = {"--agents", "--agents", "--gpus", "--gpus", "--reserve", "reservations exceed",
            "--attributes", "/nonexistent/credentials", "--no-such-option"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 2];
            args[0] = "cluster";
            args[1] = "start";
            System.arraycopy(cases[i], 0, args, 2, cases[i].length);
            String[] result = runCapturingErr(args);
            assertThat(result[0]).as("exit code for %s", String.join(" ", cases[i])).isEqualTo("2");
            assertThat(result[1].strip()).as("error for %s", String.join(" ", cases[i]))
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
