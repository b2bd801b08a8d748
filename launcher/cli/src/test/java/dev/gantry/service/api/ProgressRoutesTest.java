package dev.gantry.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.service.jobs.ClusterUsage;
import dev.gantry.service.jobs.JobPlaces;
import dev.gantry.service.jobs.JobProgress;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's progress, its stream of events, its report and page, and the cluster, over real HTTP on loopback. */
class ProgressRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String START = "{\"type\":\"start\",\"job\":\"mnist\",\"epochs\":2}\n";
    private static final String STEPS = "{\"type\":\"steps\",\"first_step\":1,\"loss\":[2.5,2.0]}\n";
    private static final String STEP = "{\"type\":\"step\",\"epoch\":1,\"step\":2,\"total_steps\":8,\"loss\":2.0,"
            + "\"samples_per_second\":640.0,\"eta_seconds\":3.0}\n";
    private static final String END = "{\"type\":\"end\",\"outcome\":\"finished\",\"steps\":8}\n";

    @TempDir
    Path output;

    private final RecordingJobService service = new RecordingJobService();
    private final TestUsers users = new TestUsers();
    private final RecordingLogger log = new RecordingLogger();
    private final HttpClient http = HttpClient.newHttpClient();
    private ApiServer server;
    private Job job;

    @BeforeEach
    void start() {
        server = ApiServer.start(service, users.authenticator(), ApiSettings.defaults().withPort(0)
                .withMaxConcurrentRequests(4).withMaxStreams(2), log,
                new ProgressStream.Timing(Duration.ofMillis(50), Duration.ofMillis(200)));
        job = service.add("vision", "alice", "mnist", JobState.RUNNING);
        job = service.output(job.id(), output);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void write(String text) throws IOException {
        Files.writeString(output.resolve(JobProgress.FILE), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void progressGivesTheEventsFromAnOffsetWithTheNextOffsetAndCompleteness() throws Exception {
        write(START + STEPS + "{\"type\":\"st");
        JsonNode first = json(get(users.bobToken, "/api/v1/jobs/" + job.id() + "/progress"));
        assertThat(first.get("events").findValuesAsText("type")).containsExactly("start", "steps");
        assertThat(first.get("events").get(1).get("loss")).hasSize(2);
        assertThat(first.get("next_offset").asLong()).isEqualTo((START + STEPS).length());
        assertThat(first.get("complete").asBoolean()).isFalse();

        write(STEP.substring(11) + END);
        service.state(job.id(), JobState.COMPLETED);
        JsonNode rest = json(get(users.bobToken, "/api/v1/jobs/" + job.id() + "/progress?offset="
                + first.get("next_offset").asLong()));
        assertThat(rest.get("events").findValuesAsText("type")).containsExactly("step", "end");
        assertThat(rest.get("complete").asBoolean()).isTrue();
        assertThat(get(users.bobToken, "/api/v1/jobs/" + job.id() + "/progress?offset=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void anotherTeamsJobIs403OnEveryNewRouteAndItsFilesAreNotRead() throws Exception {
        write(START);
        Files.writeString(output.resolve("report.html"), "<html>alice's report</html>");
        String base = "/api/v1/jobs/" + job.id();
        for (String path : List.of(base + "/progress", base + "/progress/stream", base + "/report")) {
            HttpResponse<String> answer = get(users.carolToken, path);
            assertThat(answer.statusCode()).as(path).isEqualTo(403);
            assertThat(answer.body()).doesNotContain("mnist", "alice");
        }
        assertThat(service.calls).noneMatch(c -> c.startsWith("progress"));
    }

    @Test
    void theStreamSendsTheStateThenEachLineInOrderWithItsOffsetAndEndsOnceTheJobIsFinal() throws Exception {
        write(START);
        HttpResponse<InputStream> answer = http.send(request(users.aliceToken, "/api/v1/jobs/" + job.id()
                + "/progress/stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        List<Sse> shown = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
            shown.add(nextShown(lines));
            shown.add(nextShown(lines));
            // Written while the stream is open: it comes as it is written.
            write(STEPS + STEP);
            shown.add(nextShown(lines));
            shown.add(nextShown(lines));
            write(END);
            service.state(job.id(), JobState.COMPLETED);
            do {
                shown.add(nextShown(lines));
            } while (!shown.get(shown.size() - 1).name().equals("end"));
            assertThat(lines.readLine()).as("the stream is over").isNull();
        }
        assertThat(shown.get(0).name()).isEqualTo("state");
        assertThat(json(shown.get(0).data()).get("state").asText()).isEqualTo("RUNNING");
        List<Sse> lines = shown.stream().filter(e -> e.name().equals("message")).toList();
        assertThat(lines).extracting(e -> json(e.data()).get("type").asText())
                .containsExactly("start", "steps", "step", "end");
        assertThat(lines).extracting(Sse::id).containsExactly(String.valueOf(START.length()),
                String.valueOf((START + STEPS).length()), String.valueOf((START + STEPS + STEP).length()),
                String.valueOf((START + STEPS + STEP + END).length()));
        // The final state and the last line may come in either order, both before the end.
        assertThat(shown).hasSize(7);
        assertThat(shown.subList(4, 6)).filteredOn(e -> e.name().equals("state")).singleElement()
                .satisfies(e -> assertThat(json(e.data()).get("state").asText()).isEqualTo("COMPLETED"));
        assertThat(json(shown.get(6).data()).get("state").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aReconnectingStreamGoesOnFromLastEventIdAndAFinalJobsStreamEndsAtOnce() throws Exception {
        write(START + STEPS + END);
        service.state(job.id(), JobState.COMPLETED);
        HttpResponse<String> answer = http.send(request(users.aliceToken, "/api/v1/jobs/" + job.id()
                + "/progress/stream?offset=0").header("Last-Event-ID", String.valueOf(START.length())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).isEqualTo("event: state\ndata: {\"state\":\"COMPLETED\"}\n\n"
                + "id: " + (START + STEPS).length() + "\ndata: " + STEPS
                + "\nid: " + (START + STEPS + END).length() + "\ndata: " + END
                + "\nevent: end\ndata: {\"state\":\"COMPLETED\"}\n\n");
        HttpResponse<String> bad = http.send(request(users.aliceToken, "/api/v1/jobs/" + job.id()
                + "/progress/stream").header("Last-Event-ID", "abc").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void streamsBeyondTheLimitAre503AndAStreamWhoseClientLeftFreesItsPlace() throws Exception {
        String path = "/api/v1/jobs/" + job.id() + "/progress/stream";
        List<HttpResponse<InputStream>> open = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            open.add(http.send(request(users.aliceToken, path).build(), HttpResponse.BodyHandlers.ofInputStream()));
            assertThat(open.get(i).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = get(users.aliceToken, path);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(get(users.aliceToken, "/api/v1/jobs/" + job.id() + "/progress").statusCode())
                .as("requests still have their threads").isEqualTo(200);

        open.get(0).body().close();
        // The stream notices at its next write, a keep-alive at the latest; then its place is free.
        HttpResponse<InputStream> again = null;
        for (int tries = 0; tries < 100 && again == null; tries++) {
            HttpResponse<InputStream> answer = http.send(request(users.aliceToken, path).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (answer.statusCode() == 200) {
                again = answer;
            } else {
                answer.body().close();
                Thread.sleep(100);
            }
        }
        assertThat(again).as("a place freed").isNotNull();
        again.body().close();
        open.get(1).body().close();
    }

    @Test
    void theReportIs404UntilItIsWrittenThenServedAsHtmlInASandbox() throws Exception {
        String path = "/api/v1/jobs/" + job.id() + "/report";
        HttpResponse<String> missing = get(users.aliceToken, path);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing.body()).get("error").asText()).isEqualTo("job " + job.id() + " has no report (yet)");
        Files.writeString(output.resolve("report.html"), "<html><body>loss</body></html>");
        HttpResponse<String> report = get(users.aliceToken, path);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).isEqualTo("<html><body>loss</body></html>");
        assertThat(report.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(report.headers().firstValue("Content-Security-Policy")).hasValue("sandbox allow-scripts");
    }

    @Test
    void aSingleJobShowsItsProgressSpecSandboxesSparkUiAndReportButAListShowsNone() throws Exception {
        write(START + STEPS + STEP);
        Files.writeString(output.resolve("report.html"), "<html></html>");
        service.places = new JobPlaces(List.of(new JobPlaces.Sandbox("driver", 1,
                "http://10.0.0.1:5051/files/browse?path=%2Fframeworks%2FF%2Fexecutors%2Fdriver-1-1%2Fruns%2Flatest",
                false)), "http://10.0.0.2:4040");
        JsonNode shown = json(get(users.bobToken, "/api/v1/jobs/" + job.id()));
        assertThat(shown.get("progress")).isEqualTo(JSON.readTree("""
                {"step":2,"total_steps":8,"epoch":1,"epochs":2,"loss":2.0,"samples_per_second":640.0,
                 "eta_seconds":3.0}"""));
        assertThat(shown.get("spec").asText()).isEqualTo("name: mnist\n");
        assertThat(shown.get("sandboxes")).isEqualTo(JSON.readTree("""
                [{"process":"driver","attempt":1,"url":"http://10.0.0.1:5051/files/browse?path=%2Fframeworks%2FF%2F\
                executors%2Fdriver-1-1%2Fruns%2Flatest","ended":false}]"""));
        assertThat(shown.get("spark_ui").asText()).isEqualTo("http://10.0.0.2:4040");
        assertThat(shown.get("report").asText()).isEqualTo(server.url() + "/api/v1/jobs/" + job.id() + "/report");

        JsonNode listed = json(get(users.bobToken, "/api/v1/jobs")).get("jobs").get(0);
        assertThat(Stream.of("progress", "spec", "sandboxes", "spark_ui", "report", "events")).noneMatch(listed::has);
    }

    @Test
    void aJobWithoutProgressOrWhoseMasterIsAwayStillShows() throws Exception {
        Job queued = service.add("vision", "alice", "waiting", JobState.QUEUED);
        service.places = null;
        JsonNode shown = json(get(users.aliceToken, "/api/v1/jobs/" + queued.id()));
        assertThat(shown.get("name").asText()).isEqualTo("waiting");
        assertThat(Stream.of("progress", "sandboxes", "spark_ui", "report")).noneMatch(shown::has);
    }

    @Test
    void theClusterNamesOnlyTheCallersTeamsJobs() throws Exception {
        ClusterUsage.Amounts some = new ClusterUsage.Amounts(8, 16384, 2);
        service.cluster = new ClusterUsage(List.of(new ClusterUsage.Agent("S1", "gpu1", true, "H100", some, some,
                List.of(new ClusterUsage.GpuSlot(0, ClusterUsage.Holder.job(3, "vision", "mnist")),
                        new ClusterUsage.GpuSlot(1, ClusterUsage.Holder.job(4, "nlp", "secret-llm")),
                        new ClusterUsage.GpuSlot(2, ClusterUsage.Holder.framework("jupyter")),
                        new ClusterUsage.GpuSlot(3, null)))),
                List.of(new ClusterUsage.Role("vision", some, some, 1, ClusterUsage.Amounts.ZERO)),
                some, some, ClusterUsage.Amounts.ZERO);
        JsonNode cluster = json(get(users.aliceToken, "/api/v1/cluster"));
        assertThat(cluster.get("agents").get(0).get("gpus")).isEqualTo(JSON.readTree("""
                [{"index":0,"held_by":{"job_id":3,"team":"vision","name":"mnist"}},
                 {"index":1,"held_by":{"job_id":4,"team":"nlp"}},
                 {"index":2,"held_by":{"framework":"jupyter"}},
                 {"index":3}]"""));
        assertThat(cluster.get("agents").get(0).get("total")).isEqualTo(JSON.readTree(
                "{\"cpus\":8.0,\"mem_mb\":16384.0,\"gpus\":2.0}"));
        assertThat(cluster.get("roles").get(0).get("offers_outstanding").asInt()).isEqualTo(1);
        assertThat(cluster.get("free")).isEqualTo(JSON.readTree("{\"cpus\":0.0,\"mem_mb\":0.0,\"gpus\":0.0}"));
        JsonNode seenByCarol = json(get(users.carolToken, "/api/v1/cluster"));
        assertThat(seenByCarol.get("agents").get(0).get("gpus").get(0)).isEqualTo(JSON.readTree(
                "{\"index\":0,\"held_by\":{\"job_id\":3,\"team\":\"vision\"}}"));
        assertThat(seenByCarol.toString()).doesNotContain("mnist").contains("secret-llm");
    }

    /** One server-sent event: its name ("message" unless named, "comment" for a comment line), id and data. */
    private record Sse(String name, String id, String data) {}

    /** The next event that is not a keep-alive comment. */
    private static Sse nextShown(BufferedReader lines) throws IOException {
        Sse event;
        do {
            event = next(lines);
        } while (event.name().equals("comment"));
        return event;
    }

    private static Sse next(BufferedReader lines) throws IOException {
        String name = "message";
        String id = null;
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                return new Sse(name, id, data.toString());
            }
            if (line.startsWith(":")) {
                name = "comment";
            } else if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            }
        }
        throw new AssertionError("the stream ended inside an event");
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return http.send(request(token, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String token, String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", "Bearer " + token);
    }

    private static JsonNode json(HttpResponse<String> answer) throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }
}
