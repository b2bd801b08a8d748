package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The shared --agents --cpus --mem --gpus options, through the commands that start an embedded cluster. */
class EmbeddedClusterOptionsTest {
    private static final List<String> OPTIONS = List.of("--agents", "--cpus", "--mem", "--gpus");

    @TempDir
    Path temp;

    @Test
    void everyCommandThatShapesAnEmbeddedClusterTakesAllFourWithItsDefaultInHelp() {
        List<String> shaping = new ArrayList<>();
        collect(new CommandLine(new GantryCli()), shaping);
        assertThat(shaping).containsExactlyInAnyOrder("gantry run", "gantry spark-submit", "gantry cluster start",
                "gantry cluster check", "gantry bench training", "gantry serve");
    }

    private static void collect(CommandLine command, List<String> shaping) {
        var spec = command.getCommandSpec();
        if (OPTIONS.stream().anyMatch(name -> spec.findOption(name) != null)) {
            shaping.add(spec.qualifiedName());
            String help = command.getUsageMessage();
            for (String name : OPTIONS) {
                assertThat(spec.findOption(name)).as("%s %s", spec.qualifiedName(), name).isNotNull();
                String line = help.lines().filter(l -> l.strip().startsWith(name + "=")).findFirst().orElseThrow();
                // A default shown as "null" or "4.0" means it came from the wrong place.
                assertThat(line).as(spec.qualifiedName()).contains("(default: ").doesNotContain("null")
                        .doesNotContainPattern("\\d\\.0\\b");
            }
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, shaping));
    }

    @Test
    void besideAMasterOnlyTheOptionsGivenAreNamed() throws IOException {
        Path job = Files.writeString(temp.resolve("job.yaml"), """
                name: digits
                framework: tensorflow
                model: {kind: mlp, inputShape: [4], classes: 3}
                data: {format: synthetic}
                resources: {workers: 2}
                output: {directory: %s}
                """.formatted(temp.resolve("out")));
        CliRun run = CliRun.of("run", job.toString(), "--master", "mesos://127.0.0.1:5050", "--mem", "2048");
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("gantry: --mem shape the embedded cluster, which is not started with"
                + " master mesos://127.0.0.1:5050");
    }

    @Test
    void runRefusesAClusterWithoutAgentsNamingTheOption() throws IOException {
        Path job = Files.writeString(temp.resolve("job.yaml"), """
                name: digits
                framework: tensorflow
                model: {kind: mlp, inputShape: [4], classes: 3}
                data: {format: synthetic}
                output: {directory: %s}
                """.formatted(temp.resolve("out")));
        CliRun run = CliRun.of("run", job.toString(), "--agents", "0", "--dry-run");
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("gantry: --agents must be at least 1, not 0");
    }

    @Test
    void clusterCheckRefusesAnAgentWithoutMemoryBeforeStartingAnything() {
        CliRun run = CliRun.of("cluster", "check", "--mem", "0");
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("gantry: --mem must be positive, not 0.0");
        assertThat(run.out()).doesNotContain("Started");
    }
}
