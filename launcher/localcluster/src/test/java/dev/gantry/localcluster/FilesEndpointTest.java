package dev.gantry.localcluster;

import static dev.gantry.localcluster.SandboxFiles.DONE;
import static dev.gantry.localcluster.SandboxFiles.RUNNING;
import static dev.gantry.localcluster.SandboxFiles.virtual;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.mesos.AgentFiles;
import dev.gantry.protocol.MediaType;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /files/read} of the embedded agents, case by case as a real Mesos agent answers it
 * (see {@link FilesEndpoint}; the conformance test in gantry-testing puts the two side by side).
 */
class FilesEndpointTest {
    private static LocalCluster cluster;
    private static RawScheduler scheduler;
    private static String framework;
    private static Offer offer;
    private static URI base;
    /** The finished task's run directory, as the agent names it in its errors. */
    private static Path doneRun;

    @TempDir
    static Path outside;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start(ClusterSpec.builder()
                .agent(AgentSpec.builder().cpus(1).memMb(512).build())
                .agent(AgentSpec.builder().cpus(1).memMb(512).build()).build());
        base = cluster.uri();
        scheduler = new RawScheduler(base, MediaType.PROTOBUF);
        framework = scheduler.subscribe(RawScheduler.framework("files", false).build()).getFrameworkId().getValue();
        String first = cluster.agents().get(0).id();
        offer = scheduler.next(Duration.ofSeconds(60), e -> e.getType() == Event.Type.OFFERS
                && e.getOffers().getOffersList().stream().anyMatch(o -> o.getAgentId().getValue().equals(first)))
                .getOffers().getOffersList().stream().filter(o -> o.getAgentId().getValue().equals(first))
                .findFirst().orElseThrow();
        SandboxFiles.launch(scheduler, offer);
        doneRun = cluster.sandbox(DONE).orElseThrow().toRealPath();
        SandboxFiles.await(base, virtual(framework, RUNNING, "stdout"), "offset=0",
                a -> a.status() == 200 && a.text().contains("started"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (scheduler != null) {
            scheduler.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static SandboxFiles.Answer read(String path, String rest) throws Exception {
        return SandboxFiles.read(base, "/files/read", path, rest);
    }

    private static String done(String file) {
        return virtual(framework, DONE, file);
    }

    private static void assertJson(SandboxFiles.Answer answer, String json) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.text()).isEqualTo(json);
    }

    private static void assertError(SandboxFiles.Answer answer, int status, String text) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(answer.text()).isEqualTo(text);
    }

    @Test
    void aFinishedTasksStdoutReadsInPieces() throws Exception {
        assertJson(read(done("stdout"), "offset=0&length=100"), "{\"data\":\"hello\\nworld\\n\",\"offset\":0}");
        assertJson(read(done("stdout"), "offset=3&length=4"), "{\"data\":\"lo\\nw\",\"offset\":3}");
        assertJson(read(done("stderr"), "offset=0&length=100"), "{\"data\":\"err-line\\n\",\"offset\":0}");
    }

    @Test
    void offsetMinusOneOrNoneAnswersTheSizeWithoutData() throws Exception {
        assertJson(read(done("stdout"), "offset=-1"), "{\"data\":\"\",\"offset\":12}");
        assertJson(read(done("stdout"), "offset=-1&length=4"), "{\"data\":\"\",\"offset\":12}");
        assertJson(read(done("stdout"), ""), "{\"data\":\"\",\"offset\":12}");
    }

    @Test
    void atOrPastTheEndThereIsNoDataAndTheOffsetAskedFor() throws Exception {
        assertJson(read(done("stdout"), "offset=12&length=4"), "{\"data\":\"\",\"offset\":12}");
        assertJson(read(done("stdout"), "offset=100&length=4"), "{\"data\":\"\",\"offset\":100}");
        assertJson(read(done("stdout"), "offset=9223372036854775807&length=4"),
                "{\"data\":\"\",\"offset\":9223372036854775807}");
    }

    @Test
    void withoutALengthOrWithMinusOneAsMuchAsOneReadGivesAndNoLengthIsLarger() throws Exception {
        assertJson(read(done("stdout"), "offset=0"), "{\"data\":\"hello\\nworld\\n\",\"offset\":0}");
        assertJson(read(done("stdout"), "offset=0&length=-1"), "{\"data\":\"hello\\nworld\\n\",\"offset\":0}");
        assertJson(read(done("stdout"), "offset=0&length=0"), "{\"data\":\"\",\"offset\":0}");
        String page = "a".repeat(FilesEndpoint.MAX_LENGTH);
        assertJson(read(done("big.txt"), "offset=0&length=1000000"), "{\"data\":\"" + page + "\",\"offset\":0}");
        assertJson(read(done("big.txt"), "offset=0"), "{\"data\":\"" + page + "\",\"offset\":0}");
        assertJson(read(done("big.txt"), "offset=99999&length=10"), "{\"data\":\"a\",\"offset\":99999}");
        assertJson(read(done("big.txt"), "offset=-1"), "{\"data\":\"\",\"offset\":100000}");
    }

    @Test
    void aRunningTasksStdoutReadsToo() throws Exception {
        assertJson(read(virtual(framework, RUNNING, "stdout"), "offset=0&length=100"),
                "{\"data\":\"started\\n\",\"offset\":0}");
        assertJson(read(virtual(framework, RUNNING, "stdout"), "offset=-1"), "{\"data\":\"\",\"offset\":8}");
    }

    @Test
    void bytesGoOutRawWithOnlyQuotesBackslashesAndControlCharactersEscaped() throws Exception {
        SandboxFiles.Answer answer = read(done("bin.dat"), "offset=0&length=100");
        assertThat(answer.status()).isEqualTo(200);
        byte[] expected = concat("{\"data\":\"".getBytes(StandardCharsets.US_ASCII), SandboxFiles.BIN_DATA_JSON,
                "\",\"offset\":0}".getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.body()).isEqualTo(expected);
    }

    @Test
    void whatIsNoFileOfASandboxIsNotFoundWithAnEmptyBody() throws Exception {
        for (String path : List.of(done("nope"), virtual(framework, "no-such-executor", "stdout"),
                virtual("no-such-framework", DONE, "stdout"), "/etc/passwd",
                done("stdout").substring(1),
                // Real Mesos has no virtual path for a run by its container id, only for the latest.
                "/frameworks/" + framework + "/executors/" + DONE + "/runs/" + doneRun.getFileName() + "/stdout",
                "/frameworks/" + framework + "/executors/" + DONE + "/runs",
                doneRun.getParent().toString(), doneRun.getParent().getParent().toString(),
                cluster.workDir().toString())) {
            SandboxFiles.Answer answer = read(path, "offset=0&length=10");
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).isEmpty();
        }
    }

    @Test
    void aDirectoryIsNotRead() throws Exception {
        for (String path : List.of(done(""), done("sub"), done("sub/"), doneRun.toString())) {
            assertError(read(path, "offset=0&length=10"), 400, "Cannot read a directory.\n");
        }
    }

    @Test
    void pathsFoldDotsAndReadLinksThatStayInTheirSandbox() throws Exception {
        String hello = "{\"data\":\"hello\\nworld\\n\",\"offset\":0}";
        assertJson(read(done("sub/../stdout"), "offset=0&length=100"), hello);
        assertJson(read(done("./stdout"), "offset=0&length=100"), hello);
        assertJson(read(done("inner-link"), "offset=0&length=100"), hello);
        assertJson(read(done("sub/f.txt"), "offset=0&length=100"), "{\"data\":\"inner\\n\",\"offset\":0}");
    }

    @Test
    void aLinkOutOfItsSandboxIsInaccessible() throws Exception {
        // Into the other task's sandbox, as the task made it; and to a file elsewhere on the host.
        assertError(read(done("sibling-link"), "offset=0&length=100"), 400,
                "'" + doneRun.resolve("sibling-link") + "' is inaccessible.\n");
        // Up and out, whether by a run directory's own path or by as many ".." as it takes to reach "/".
        String up = "/..".repeat(40);
        assertError(read(done(up.substring(1) + "/etc/passwd"), "offset=0&length=100"), 400,
                "'" + doneRun + up + "/etc/passwd' is inaccessible.\n");
        assertError(read(doneRun + "/..", "offset=0&length=100"), 400, "'" + doneRun + "/..' is inaccessible.\n");
        Path secret = Files.writeString(outside.resolve("secret"), "not yours\n");
        Files.createSymbolicLink(doneRun.resolve("host-link"), secret);
        assertError(read(done("host-link"), "offset=0&length=100"), 400,
                "'" + doneRun.resolve("host-link") + "' is inaccessible.\n");
    }

    @Test
    void theSandboxesOwnPathsOnDiskReadAsTheVirtualOnes() throws Exception {
        String hello = "{\"data\":\"hello\\nworld\\n\",\"offset\":0}";
        assertJson(read(cluster.sandbox(DONE).orElseThrow() + "/stdout", "offset=0&length=100"), hello);
        assertJson(read(doneRun.resolveSibling("latest") + "/stdout", "offset=0&length=100"), hello);
        assertJson(read(doneRun + "/../latest/stdout", "offset=0&length=100"), hello);
        assertJson(read(done("../latest/stdout"), "offset=0&length=100"), hello);
    }

    @Test
    void badParametersAreRefusedInMesosWords() throws Exception {
        assertError(read(done("stdout"), "offset=-2&length=4"), 400, "Negative offset provided: -2.\n");
        assertError(read(done("stdout"), "offset=0&length=-5"), 400, "Negative length provided: -5.\n");
        assertError(read(done("stdout"), "offset=abc&length=4"), 400,
                "Failed to parse offset: Failed to convert 'abc' to number.\n");
        assertError(read(done("stdout"), "offset=1.5&length=4"), 400,
                "Failed to parse offset: Failed to convert '1.5' to number.\n");
        assertError(read(done("stdout"), "offset=0&length=x"), 400,
                "Failed to parse length: Failed to convert 'x' to number.\n");
        assertError(read(done("stdout"), "offset=0&length=99999999999999999999"), 400,
                "Failed to parse length: Failed to convert '99999999999999999999' to number.\n");
        assertError(read(null, "offset=0&length=4"), 400, "Expecting 'path=value' in query.\n");
        assertError(read("", "offset=0&length=4"), 400, "Expecting 'path=value' in query.\n");
    }

    @Test
    void theLastOfARepeatedParameterCountsAndJsonpWraps() throws Exception {
        assertJson(read(done("stdout"), "offset=0&length=100&offset=5"), "{\"data\":\"\\nworld\\n\",\"offset\":5}");
        SandboxFiles.Answer wrapped = read(done("stdout"), "offset=0&length=4&jsonp=cb");
        assertThat(wrapped.status()).isEqualTo(200);
        assertThat(wrapped.contentType()).isEqualTo("text/javascript");
        assertThat(wrapped.text()).isEqualTo("cb({\"data\":\"hell\",\"offset\":0})");
    }

    @Test
    void eachEmbeddedAgentReadsOnlyItsOwnSandboxesUnderItsAddress() throws Exception {
        String hello = "{\"data\":\"hello\\nworld\\n\",\"offset\":0}";
        assertJson(SandboxFiles.read(base, "/slave(1)/files/read", done("stdout"), "offset=0&length=100"), hello);
        SandboxFiles.Answer other = SandboxFiles.read(base, "/slave(2)/files/read", done("stdout"), "offset=0&length=100");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).isEmpty();
        assertThat(SandboxFiles.read(base, "/files/read.json", done("stdout"), "offset=0").status()).isEqualTo(404);
        assertJson(SandboxFiles.read(base, "/files/read/", done("stdout"), "offset=0"), hello);
    }

    @Test
    void aFifoIsRefusedAndTheEndpointKeepsAnswering() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", doneRun.resolve("fifo").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertError(read(done("fifo"), "offset=0&length=4"), 400,
                "Cannot read '" + doneRun.resolve("fifo") + "': not a regular file.\n");
        assertJson(read(done("stdout"), "offset=0&length=4"), "{\"data\":\"hell\",\"offset\":0}");
    }

    @Test
    void agentFilesTailsAnExecutorsStderrAndStdout() throws Exception {
        AgentFiles files = new AgentFiles(HttpClient.newHttpClient());
        URI agent = AgentFiles.agentUrl(offer).orElseThrow();
        assertThat(files.tail(agent, AgentFiles.sandboxPath(framework, DONE, "stderr")).get()).containsExactly("err-line");
        assertThat(files.tail(agent, AgentFiles.sandboxPath(framework, DONE, "stdout")).get())
                .containsExactly("hello", "world");
        assertThat(files.tail(agent, AgentFiles.sandboxPath(framework, RUNNING, "stdout")).get())
                .containsExactly("started");
        assertThat(files.tail(agent, AgentFiles.sandboxPath(framework, "gone", "stderr")).get()).isEmpty();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
