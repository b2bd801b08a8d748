package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input as a person meets it: {@code ./gantry run} in its own process, which must end with
 * exit 2 and one line on stderr before it starts anything: no embedded cluster, no driver JVM
 * (both would print to stdout), no output directory, no cluster registered.
 */
class BadInputIT {
    @TempDir
    Path temp;

    /** How a run ended: its exit code and what it printed on each stream. */
    record Ended(int exit, String out, String err) {}

    private Path job(Path data, Path output) throws Exception {
        return Files.writeString(temp.resolve("job.yaml"), """
                name: bad-input
                framework: tensorflow
                model: {kind: mlp, inputShape: [4], classes: 3}
                data: {format: csv, path: %s}
                training: {epochs: 1, batchSize: 8}
                resources: {workers: 1, gpusPerWorker: 0}
                output: {directory: %s}
                """.formatted(data, output));
    }

    /** 300 valid examples for the job's 4 features and 3 classes, with {@code line} (1-based, header included) replaced. */
    private Path csv(String name, int line, String replacement) throws Exception {
        List<String> lines = new ArrayList<>(List.of("a,b,c,d,label"));
        for (int i = 0; i < 300; i++) {
            lines.add((i % 7) + ",0.5," + i + ".25,-1e-3," + (i % 3));
        }
        if (line > 0) {
            lines.set(line - 1, replacement);
        }
        return Files.writeString(temp.resolve(name), String.join("\n", lines) + "\n");
    }

    private Ended gantryRun(Path job) throws Exception {
        Path out = temp.resolve("stdout");
        Path err = temp.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(GantryRun.ROOT.resolve("gantry").toString(), "run", job.toString())
                .directory(GantryRun.ROOT.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GANTRY_"));
        // Where an embedded cluster would register itself: it must stay empty.
        builder.environment().put("GANTRY_JAVA_OPTS", "-Dgantry.home=" + temp.resolve("home"));
        Process gantry = builder.start();
        boolean ended = gantry.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            gantry.descendants().forEach(ProcessHandle::destroyForcibly);
            gantry.destroyForcibly();
        }
        assertThat(ended).as(Files.readString(err)).isTrue();
        return new Ended(gantry.exitValue(), Files.readString(out), Files.readString(err));
    }

    private void assertRefusedBeforeStart(Ended run, Path output, String message) {
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(message);
        assertThat(run.out()).isEmpty();
        assertThat(output).doesNotExist();
        assertThat(temp.resolve("home")).doesNotExist();
    }

    @Test
    void anOutputDirectoryThatIsAFile() throws Exception {
        Path data = csv("train.csv", 0, null);
        Path output = Files.writeString(temp.resolve("results"), "keep me");
        Ended run = gantryRun(job(data, output));
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().lines().toList())
                .containsExactly("gantry: output.directory: " + output + " is a file, not a directory");
        assertThat(run.out()).isEmpty();
        assertThat(output).hasContent("keep me");
        assertThat(temp.resolve("home")).doesNotExist();
    }

    @Test
    void aWordInANumberColumn() throws Exception {
        Path data = csv("digits.csv", 217, "1,2,seven,4,0");
        Path output = temp.resolve("out");
        assertRefusedBeforeStart(gantryRun(job(data, output)), output,
                "gantry: data.path: " + data + " line 217, column \"c\": \"seven\" is not a number");
    }
}
