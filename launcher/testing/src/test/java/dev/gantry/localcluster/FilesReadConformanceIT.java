package dev.gantry.localcluster;

import static dev.gantry.localcluster.SandboxFiles.DONE;
import static dev.gantry.localcluster.SandboxFiles.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.mesos.AgentFiles;
import dev.gantry.protocol.MediaType;
import dev.gantry.testing.MesosBundle;
import dev.gantry.testing.RealMesosCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agents' {@code GET /files/read} side by side: the same two command tasks on real Apache
 * Mesos and on the embedded cluster, the same requests to each, and the answers compared in
 * status, Content-Type and body, with the framework id and the run directory (which differ by
 * nature) written as {@code F} and {@code RUN}. Skipped with one line where there is no Mesos.
 * Both masters authenticate frameworks; the agents' file endpoint stays open all the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilesReadConformanceIT {
    private static final String PRINCIPAL = "gantry-test";
    private static final String SECRET = "s3cret-for-tests";
    private static final AgentSpec AGENT = AgentSpec.builder().cpus(1).memMb(512).build();

    @TempDir
    static Path workDir;

    /** One side: where its agent answers, its framework, the finished task's run directory. */
    private record Side(String name, URI agent, String framework, Path doneRun, RawScheduler scheduler,
                        AutoCloseable cluster) {
        SandboxFiles.Answer read(String pathTemplate, String rest) throws Exception {
            return SandboxFiles.read(agent, "/files/read", expand(pathTemplate), rest);
        }

        String expand(String template) {
            return template.replace("{F}", framework).replace("{RUN}", doneRun.toString());
        }

        /** The body with what differs by nature written as placeholders. */
        String normalized(SandboxFiles.Answer answer) {
            return new String(answer.body(), StandardCharsets.ISO_8859_1).replace(doneRun.toString(), "RUN")
                    .replace(framework, "F");
        }
    }

    private Side real;
    private Side embedded;

    @BeforeAll
    void start() throws Exception {
        MesosBundle bundle = MesosBundle.require();
        Path credentials = workDir.resolve("credentials.json");
        Files.writeString(credentials, "{\"credentials\":[{\"principal\":\"" + PRINCIPAL + "\",\"secret\":\""
                + SECRET + "\"}]}");
        RealMesosCluster mesos = RealMesosCluster.builder(bundle, workDir.resolve("mesos")).agent(AGENT)
                .masterFlag("authenticate_frameworks", "").masterFlag("authenticate_http_frameworks", "")
                .masterFlag("http_framework_authenticators", "basic")
                .masterFlag("credentials", credentials.toString()).start();
        real = side("real Mesos", mesos.uri(), mesos, () -> findRun(workDir.resolve("mesos")));
        LocalCluster cluster = LocalCluster.start(ClusterSpec.builder().agent(AGENT)
                .credentials(FrameworkCredentials.of(Map.of(PRINCIPAL, SECRET))).build());
        embedded = side("embedded", cluster.uri(), cluster, () -> cluster.sandbox(DONE).orElseThrow());
    }

    private interface RunDir {
        Path find() throws Exception;
    }

    private static Side side(String name, URI master, AutoCloseable cluster, RunDir runDir) throws Exception {
        RawScheduler scheduler = new RawScheduler(master, MediaType.PROTOBUF).authenticate(PRINCIPAL, SECRET);
        String framework = scheduler.subscribe(RawScheduler.framework("files-conformance", false)
                .setPrincipal(PRINCIPAL).build()).getFrameworkId().getValue();
        Offer offer = scheduler.offers().get(0);
        SandboxFiles.launch(scheduler, offer);
        URI agent = AgentFiles.agentUrl(offer).orElseThrow();
        SandboxFiles.await(agent, SandboxFiles.virtual(framework, RUNNING, "stdout"), "offset=0",
                a -> a.status() == 200 && a.text().contains("started"));
        return new Side(name, agent, framework, runDir.find().toRealPath(), scheduler, cluster);
    }

    /** The finished task's run directory in a real agent's work dir: {@code .../executors/done/runs/<container>}. */
    private static Path findRun(Path mesosWorkDir) throws IOException {
        try (Stream<Path> paths = Files.walk(mesosWorkDir)) {
            return paths.filter(p -> p.getNameCount() > 3 && !Files.isSymbolicLink(p) && Files.isDirectory(p)
                    && p.getParent().getFileName().toString().equals("runs")
                    && p.getParent().getParent().getFileName().toString().equals(DONE)).findFirst().orElseThrow();
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (Side side : new Side[] {real, embedded}) {
            if (side != null) {
                side.scheduler().call(Call.newBuilder().setType(Call.Type.TEARDOWN));
                side.scheduler().close();
                side.cluster().close();
            }
        }
    }

    /** Asks both agents and compares; returns the real agent's answer for further checks. */
    private SandboxFiles.Answer same(String pathTemplate, String rest) throws Exception {
        SandboxFiles.Answer fromMesos = real.read(pathTemplate, rest);
        SandboxFiles.Answer fromEmbedded = embedded.read(pathTemplate, rest);
        String what = pathTemplate + " ?" + rest;
        assertThat(fromEmbedded.status()).as(what + ": " + fromEmbedded.text()).isEqualTo(fromMesos.status());
        assertThat(fromEmbedded.contentType()).as(what).isEqualTo(fromMesos.contentType());
        assertThat(embedded.normalized(fromEmbedded)).as(what).isEqualTo(real.normalized(fromMesos));
        return fromMesos;
    }

    private static final String DONE_RUN = "/frameworks/{F}/executors/" + DONE + "/runs/latest";

    @Test
    void readsOfFilesAnswerTheSame() throws Exception {
        assertThat(same(DONE_RUN + "/stdout", "offset=0&length=100").text())
                .isEqualTo("{\"data\":\"hello\\nworld\\n\",\"offset\":0}");
        same(DONE_RUN + "/stdout", "offset=3&length=4");
        same(DONE_RUN + "/sub/f.txt", "offset=0&length=100");
        same("/frameworks/{F}/executors/" + RUNNING + "/runs/latest/stdout", "offset=0&length=100");
        same("/frameworks/{F}/executors/" + RUNNING + "/runs/latest/stdout", "offset=-1");
        // Bytes that are not UTF-8 go out raw, control characters escaped, on both.
        assertThat(same(DONE_RUN + "/bin.dat", "offset=0&length=100").body()).startsWith(
                "{\"data\":\"".getBytes(StandardCharsets.US_ASCII)).containsSequence(SandboxFiles.BIN_DATA_JSON);
    }

    @Test
    void offsetsAndLengthsAnswerTheSame() throws Exception {
        assertThat(same(DONE_RUN + "/stdout", "offset=-1").text()).isEqualTo("{\"data\":\"\",\"offset\":12}");
        for (String rest : List.of("", "offset=-1&length=4", "offset=12&length=4", "offset=100&length=4",
                "offset=0", "offset=0&length=-1", "offset=0&length=0", "offset=0&length=100&offset=5",
                "offset=0&length=4&jsonp=cb")) {
            same(DONE_RUN + "/stdout", rest);
        }
        assertThat(same(DONE_RUN + "/big.txt", "offset=0&length=1000000").body()).hasSize(65536 + 22);
        same(DONE_RUN + "/big.txt", "offset=0");
        same(DONE_RUN + "/big.txt", "offset=99999&length=10");
    }

    @Test
    void pathsAnswerTheSame() throws Exception {
        for (String path : List.of(DONE_RUN + "/nope", "/frameworks/{F}/executors/nobody/runs/latest/stdout",
                "/etc/passwd", DONE_RUN + "/..".repeat(40) + "/etc/passwd", DONE_RUN.substring(1) + "/stdout",
                "/frameworks/{F}/executors/" + DONE + "/runs", "{RUN}/..", "{RUN}/../..",
                // Directories, dots, links in and out of the sandbox, the sandbox's own paths on disk.
                DONE_RUN, DONE_RUN + "/sub", DONE_RUN + "/sub/", "{RUN}", DONE_RUN + "/sub/../stdout",
                DONE_RUN + "/./stdout", DONE_RUN + "//stdout", DONE_RUN + "/inner-link", DONE_RUN + "/sibling-link",
                "{RUN}/stdout", "{RUN}/../latest/stdout", "{RUN}/nope")) {
            same(path, "offset=0&length=100");
        }
        assertThat(real.read(DONE_RUN + "/sibling-link", "offset=0").text()).endsWith("/sibling-link' is inaccessible.\n");
    }

    @Test
    void badParametersAnswerTheSame() throws Exception {
        for (String rest : List.of("offset=-2&length=4", "offset=0&length=-5", "offset=abc&length=4",
                "offset=1.5&length=4", "offset=&length=4", "offset=0&length=x",
                "offset=0&length=99999999999999999999")) {
            assertThat(same(DONE_RUN + "/stdout", rest).status()).as(rest).isEqualTo(400);
        }
        for (String path : new String[] {null, ""}) {
            SandboxFiles.Answer fromMesos = SandboxFiles.read(real.agent(), "/files/read", path, "offset=0");
            SandboxFiles.Answer fromEmbedded = SandboxFiles.read(embedded.agent(), "/files/read", path, "offset=0");
            assertThat(fromEmbedded.status()).isEqualTo(fromMesos.status()).isEqualTo(400);
            assertThat(fromEmbedded.text()).isEqualTo(fromMesos.text()).isEqualTo("Expecting 'path=value' in query.\n");
        }
    }

    @Test
    void onlyTheSharedAddressIsTheRealAgentsAndAgentFilesTailsBoth() throws Exception {
        // A real agent's file endpoint belongs to its "files" process, not to slave(1): the scoped
        // address is the embedded cluster's own, and Gantry's readers use /files/read.
        String stdout = real.expand(DONE_RUN + "/stdout");
        assertThat(SandboxFiles.read(real.agent(), "/slave(1)/files/read", stdout, "offset=0").status()).isEqualTo(404);
        AgentFiles files = new AgentFiles(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
        for (Side side : new Side[] {real, embedded}) {
            assertThat(files.tail(side.agent(), AgentFiles.sandboxPath(side.framework(), DONE, "stderr")).get())
                    .as(side.name()).contains("err-line");
            assertThat(files.tail(side.agent(), AgentFiles.sandboxPath(side.framework(), DONE, "stdout")).get())
                    .as(side.name()).containsExactly("hello", "world");
        }
    }
}
