package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gantry serve's bad input: one line naming the option or file, exit 2, before anything starts or is written. */
class ServeCommandTest {
    @TempDir
    Path dir;
    private Path data;
    private Path tenancy;

    @BeforeEach
    void files() throws Exception {
        data = dir.resolve("data");
        tenancy = Files.writeString(dir.resolve("teams.yaml"), "teams:\n  vision:\n    role: vision\nusers:\n"
                + "  alice:\n    team: vision\n");
    }

    private CliRun serve(String... options) {
        String[] args = new String[options.length + 5];
        args[0] = "serve";
        args[1] = "--data-dir";
        args[2] = data.toString();
        args[3] = "--port";
        args[4] = "0";
        System.arraycopy(options, 0, args, 5, options.length);
        return CliRun.of(args);
    }

    private void assertRefused(CliRun run, String... fragments) {
        assertThat(run.exit()).as("exit code; err: %s", run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("gantry: ").endsWith("\n");
        assertThat(run.err().strip()).doesNotContain("\n").contains(fragments);
        assertThat(data).as("nothing started or written").doesNotExist();
    }

    @Test
    void anUnknownPolicyIsNamedWithItsOption() {
        assertRefused(serve("--tenancy", tenancy.toString(), "--policy", "shortest"), "--policy: unknown queue"
                + " policy 'shortest' (fifo or fair-share)");
    }

    @Test
    void aSecretFileWithoutAPrincipalIsRefused() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s3cret");
        CliRun run = serve("--tenancy", tenancy.toString(), "--secret-file", secret.toString());
        assertRefused(run, "--secret-file needs --principal");
        assertThat(run.err()).doesNotContain("s3cret");
    }

    @Test
    void aPrincipalWithoutASecretIsRefused() {
        assertRefused(serve("--tenancy", tenancy.toString(), "--principal", "gantry"),
                "--principal gantry needs a secret");
    }

    @Test
    void aMissingOrBrokenTenancyFileIsNamed() throws Exception {
        assertRefused(serve("--tenancy", dir.resolve("missing.yaml").toString()), "tenancy file "
                + dir.resolve("missing.yaml") + " does not exist");
        Files.writeString(tenancy, "teams:\n  vision: {}\n");
        assertRefused(serve("--tenancy", tenancy.toString()), tenancy.toString(), "line 2");
    }
}
