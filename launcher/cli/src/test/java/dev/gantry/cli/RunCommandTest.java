package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.training.checkpoint.CheckpointState;
import dev.gantry.training.checkpoint.CheckpointStore;
import dev.gantry.training.data.IdxFile;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantry run}'s bad inputs, through the CLI: each is one line on stderr naming the field or
 * file, exit code 2, and nothing written. None of them gets as far as starting Spark.
 */
class RunCommandTest {
    @TempDir
    Path temp;

    private Path output() {
        return temp.resolve("out");
    }

    /** A valid CPU or GPU job on synthetic data, writing into {@link #output()}, with {@code extra} lines added. */
    private Path spec(String extra) throws IOException {
        return Files.writeString(temp.resolve("job.yaml"), """
                name: digits
                framework: tensorflow
                model: {kind: mlp, inputShape: [4], classes: 3}
                data: {format: synthetic}
                resources: {workers: 2, gpusPerWorker: 1}
                output: {directory: %s}
                """.formatted(output()) + extra);
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private void assertBadInput(CliRun run, String... mentions) {
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("gantry: ").doesNotContain("\n").contains(mentions);
        assertThat(output()).doesNotExist();
    }

    @Test
    void aMissingSpecNamesTheFile() {
        assertBadInput(run(temp.resolve("nope.yaml").toString()), "nope.yaml", "does not exist");
    }

    @Test
    void aDirectoryForASpecNamesIt() {
        assertBadInput(run(temp.toString()), "is a directory");
    }

    @Test
    void aYamlSyntaxErrorGivesLineAndColumn() throws IOException {
        Path bad = Files.writeString(temp.resolve("job.yaml"), "name: x\nframework: [tensorflow\n");
        assertBadInput(run(bad.toString()), "job.yaml", "line", "column");
    }

    @Test
    void anUnknownFieldSuggestsTheClosest() throws IOException {
        assertBadInput(run(spec("").toString(), "--set", "training.epoch=2"), "epoch", "epochs");
    }

    /** A secret in a spec or on the command line is refused without being echoed: it belongs in a file. */
    @Test
    void anInlineAuthenticationSecretIsRefused() throws IOException {
        assertBadInput(run(spec("").toString(), "--set", "spark.spark.authenticate.secret=hunter2"),
                "spark.authenticate.secret", "spark.authenticate.secret.file", "GANTRY_SPARK_AUTH_SECRET");
        assertThat(run(spec("").toString(), "--set", "spark.spark.authenticate.secret=hunter2").err())
                .doesNotContain("hunter2");
        assertBadInput(run(spec("spark: {spark.authenticate.secret: hunter2}\n").toString()),
                "spark.authenticate.secret", "spark.authenticate.secret.file");
    }

    @Test
    void anUnreadableSecretFileIsNamed() throws IOException {
        Path missing = temp.resolve("no-secret");
        assertBadInput(run(spec("").toString(), "--set", "spark.spark.authenticate=true",
                "--set", "spark.spark.authenticate.secret.file=" + missing),
                "spark.authenticate.secret.file", "no such file", missing.toString());
        Path empty = Files.writeString(temp.resolve("empty-secret"), "\n");
        assertBadInput(run(spec("").toString(), "--set", "spark.spark.authenticate=true",
                "--set", "spark.spark.authenticate.secret.file=" + empty),
                "spark.authenticate.secret.file", "is empty");
    }

    @Test
    void fractionalAndNegativeGpusAreRefused() throws IOException {
        Path spec = spec("");
        assertBadInput(run(spec.toString(), "--set", "resources.gpusPerWorker=0.5"), "gpusPerWorker");
        assertBadInput(run(spec.toString(), "--set", "resources.gpusPerWorker=-1"), "gpusPerWorker");
    }

    @Test
    void zeroGpusIsACpuJobAndDryRunPrintsItsPlanWritingNothing() throws IOException {
        CliRun run = run(spec("").toString(), "--set", "resources.gpusPerWorker=0", "--dry-run");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("placement plan for 2 worker(s)", "worker 0 -> agent", "worker 1 -> agent")
                .doesNotContain("GPU,").contains("0 GPUs");
        assertThat(output()).doesNotExist();
    }

    @Test
    void dryRunOnSimulatedGpusSaysSo() throws IOException {
        CliRun run = run(spec("").toString(), "--dry-run");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 GPU").containsIgnoringCase("simulated");
    }

    /** The embedded cluster, the capacity check and the plan all size workers as the backend will. */
    @Test
    void aSparkGpuAmountInTheSpecSizesTheEmbeddedClusterAndThePlan() throws IOException {
        CliRun run = run(spec("").toString(), "--set", "spark.spark.executor.resource.gpu.amount=2", "--dry-run");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("worker 0 -> agent", "worker 1 -> agent", "2 GPUs").doesNotContain("1 GPU\n");
        assertBadInput(run(spec("").toString(), "--set", "spark.spark.executor.resource.gpu.amount=2", "--gpus", "1"),
                "resources.gpusPerWorker", "2 GPUs per worker", "no agent has more than 1");
    }

    @Test
    void moreGpusPerWorkerThanAnyAgentHasFailsFast() throws IOException {
        assertBadInput(run(spec("").toString(), "--set", "resources.gpusPerWorker=2", "--gpus", "1"),
                "resources.gpusPerWorker", "no agent has more than 1");
    }

    @Test
    void moreGpusInTotalThanTheClusterHoldsFailsFast() throws IOException {
        assertBadInput(run(spec("").toString(), "--set", "resources.workers=3", "--agents", "1", "--gpus", "2"),
                "3 workers x 1 GPUs = 3 GPUs", "holds 2", "only 2 worker(s) fit");
    }

    @Test
    void aRealMastersAgentsAreCheckedBeforeTheJobStarts() throws IOException {
        ClusterSpec oneGpu = ClusterSpec.builder().agents(2, AgentSpec.builder().cpus(2).memMb(4096).gpus(1).build())
                .simulateGpus(true).host("127.0.0.1").port(0).build();
        try (LocalCluster cluster = LocalCluster.start(oneGpu)) {
            assertBadInput(run(spec("").toString(), "--master", cluster.mesosUrl(), "--set",
                    "resources.gpusPerWorker=2"), "resources.gpusPerWorker", "no agent has more than 1", "2 agents");
            CliRun plan = run(spec("").toString(), "--master", cluster.mesosUrl(), "--dry-run");
            assertThat(plan.exit()).as(plan.err()).isZero();
            assertThat(plan.out()).contains(cluster.mesosUrl(), "worker 0 -> agent", "worker 1 -> agent");
        }
    }

    @Test
    void constraintsNoAgentMeetsFailFastWithWhatTheAgentsHave() throws IOException {
        assertBadInput(run(spec("").toString(), "--set", "resources.constraints.gpu_model=H100"),
                "resources.constraints", "meets the constraint gpu_model is H100",
                "attribute gpu_model is simulated, the job wants H100", "gpu_model:simulated");
        CliRun plan = run(spec("").toString(), "--set", "resources.constraints.gpu_model=simulated", "--dry-run");
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("worker 1 -> agent");
    }

    @Test
    void anUnreachableMasterNamesIt() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertBadInput(run(spec("").toString(), "--master", "mesos://127.0.0.1:" + closed),
                "master", "127.0.0.1:" + closed, "cannot reach");
    }

    @Test
    void aMissingDataFileNamesFieldAndFile() throws IOException {
        Path spec = spec("");
        assertBadInput(run(spec.toString(), "--set", "data.format=csv", "--set", "data.path=" + temp.resolve("x.csv")),
                "data.path", "x.csv", "does not exist");
    }

    @Test
    void malformedDataFilesNameFieldFileAndWhat() throws IOException {
        Path spec = spec("");
        Path csv = Files.writeString(temp.resolve("train.csv"), "a,b,c,d,label\n1,2,3,4,0\n1,2,x,4,1\n");
        assertBadInput(run(spec.toString(), "--set", "data.format=csv", "--set", "data.path=" + csv),
                "data.path", "train.csv", "line 3", "column \"c\": \"x\" is not a number");
        Path narrow = Files.writeString(temp.resolve("narrow.csv"), "a,label\n1,0\n");
        assertBadInput(run(spec.toString(), "--set", "data.format=csv", "--set", "data.path=" + narrow),
                "data.path", "1 feature columns", "takes 4");
        Path images = Files.writeString(temp.resolve("images.idx"), "not an idx file at all");
        Path labels = temp.resolve("labels.idx");
        IdxFile.write(labels, new int[] {2}, new byte[] {0, 1});
        assertBadInput(run(spec.toString(), "--set", "data.format=idx", "--set", "data.path=" + images,
                "--set", "data.options.labels=" + labels), "data.path", "images.idx", "not an IDX file");
    }

    /** Bad input refused before anything starts: one line, exit 2, and nothing printed or written on the way. */
    private static void assertRefusedBeforeStart(CliRun run, String... mentions) {
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("gantry: ").endsWith("\n");
        assertThat(run.err().strip()).doesNotContain("\n").contains(mentions);
        // The first thing a started job prints is the embedded cluster it started.
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anOutputDirectoryThatIsAFileIsRefusedBeforeAnythingStarts() throws IOException {
        Path file = Files.writeString(temp.resolve("results"), "keep me");
        CliRun run = run(spec("").toString(), "--set", "output.directory=" + file);
        assertRefusedBeforeStart(run, "output.directory", file.toString(), "is a file, not a directory");
        assertThat(file).hasContent("keep me");
        CliRun plan = run(spec("").toString(), "--set", "output.directory=" + file, "--dry-run");
        assertRefusedBeforeStart(plan, "output.directory", file.toString(), "is a file, not a directory");
    }

    @Test
    void anOutputDirectoryThatCannotBeCreatedIsRefusedBeforeAnythingStarts() throws IOException {
        Path file = Files.writeString(temp.resolve("results"), "keep me");
        Path under = file.resolve("runs").resolve("job");
        CliRun run = run(spec("").toString(), "--set", "output.directory=" + under);
        assertRefusedBeforeStart(run, "output.directory", "cannot create " + under, file + " is a file");
        assertThat(file).hasContent("keep me");
    }

    @Test
    void anOutputDirectoryThatIsNotWritableIsRefusedBeforeAnythingStarts() throws IOException {
        // Permission bits do not stop root: the case exists only for other users.
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path locked = Files.createDirectory(temp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertRefusedBeforeStart(run(spec("").toString(), "--set", "output.directory=" + locked),
                    "output.directory", locked.toString(), "not writable");
            assertRefusedBeforeStart(run(spec("").toString(), "--set", "output.directory=" + locked.resolve("job")),
                    "output.directory", "cannot create", locked + " is not writable");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** A CSV of {@code rows} valid examples for the 4-feature, 3-class model of {@link #spec}. */
    private static String csv(int rows) {
        StringBuilder csv = new StringBuilder("a,b,c,d,label\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i % 7).append(",0.5,").append(i).append(".25,-1e-3,").append(i % 3).append('\n');
        }
        return csv.toString();
    }

    /** {@code csv} with line {@code line} (1-based, the header is line 1) replaced. */
    private static String replaceLine(String csv, int line, String replacement) {
        List<String> lines = new ArrayList<>(csv.lines().toList());
        lines.set(line - 1, replacement);
        return String.join("\n", lines) + "\n";
    }

    @Test
    void aWordInANumberColumnFarIntoTheFileIsRefusedBeforeAnythingStarts() throws IOException {
        Path data = Files.writeString(temp.resolve("digits.csv"), replaceLine(csv(300), 217, "1,2,seven,4,0"));
        CliRun run = run(spec("").toString(), "--set", "data.format=csv", "--set", "data.path=" + data);
        assertRefusedBeforeStart(run, "data.path: " + data + " line 217, column \"c\": \"seven\" is not a number");
        assertThat(output()).doesNotExist();
        CliRun plan = run(spec("").toString(), "--set", "data.format=csv", "--set", "data.path=" + data, "--dry-run");
        assertRefusedBeforeStart(plan, "data.path: " + data + " line 217, column \"c\": \"seven\" is not a number");
    }

    @Test
    void everyPartOfADirectoryIsCheckedAsSparkReadsIt() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("train"));
        Files.writeString(dir.resolve("part-00000.csv"), csv(20));
        Path second = Files.writeString(dir.resolve("part-00001.csv"), replaceLine(csv(20), 9, "1,2,3,4,3"));
        // What Spark skips, the check skips too: hidden and underscore files are no data.
        Files.writeString(dir.resolve("_SUCCESS"), "");
        Files.writeString(dir.resolve(".part-00000.csv.crc"), "binary junk");
        CliRun run = run(spec("").toString(), "--set", "data.format=csv", "--set", "data.path=" + dir);
        assertRefusedBeforeStart(run, "data.path: " + second + " line 9, column \"label\": \"3\" is not a class",
                "model.classes");
        assertThat(output()).doesNotExist();
    }

    @Test
    void validationDataIsCheckedToo() throws IOException {
        Path train = Files.writeString(temp.resolve("train.csv"), csv(10));
        Path validation = Files.writeString(temp.resolve("validation.csv"), replaceLine(csv(10), 4, "1,2,,4,0"));
        CliRun run = run(spec("").toString(), "--set", "data.format=csv", "--set", "data.path=" + train,
                "--set", "data.validation.path=" + validation);
        assertRefusedBeforeStart(run, "data.validation.path: " + validation + " line 4, column \"c\" is empty");
    }

    @Test
    void anOutputDirectoryHoldingAnotherJobsCheckpointsIsRefusedAndKept() throws IOException {
        Path spec = spec("");
        new CheckpointStore(output(), 3).write(new CheckpointState("someone else's job", 10, 0), out -> out.write(1));
        List<Path> before;
        try (var files = Files.walk(output())) {
            before = files.toList();
        }
        CliRun run = run(spec.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("gantry: output.directory").contains("another job").doesNotContain("\n");
        try (var files = Files.walk(output())) {
            assertThat(files.toList()).containsExactlyElementsOf(before);
        }
    }

    @Test
    void clusterShapeOptionsWithAMasterAreRefused() throws IOException {
        assertBadInput(run(spec("").toString(), "--master", "mesos://127.0.0.1:5050", "--gpus", "2"),
                "--gpus", "embedded");
    }
}
