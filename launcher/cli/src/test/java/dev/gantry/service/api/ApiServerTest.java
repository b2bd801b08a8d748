package dev.gantry.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.service.jobs.LogName;
import dev.gantry.service.jobs.QueueEntry;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobState;
import dev.gantry.service.tenancy.ApiTokens;
import dev.gantry.service.tenancy.TenancyFile;
import dev.gantry.service.tenancy.TenancySource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over real HTTP on loopback, with a JobService that records what it is asked. */
class ApiServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1024;

    private final RecordingJobService service = new RecordingJobService();
    private final TestUsers users = new TestUsers();
    private final RecordingLogger log = new RecordingLogger();
    private final HttpClient http = HttpClient.newHttpClient();
    private ApiServer server;

    @BeforeEach
    void start() {
        server = ApiServer.start(service, users.authenticator(), ApiSettings.defaults().withPort(0)
                .withMaxBodyBytes(MAX_BODY).withMaxConcurrentRequests(1), log);
    }

    @AfterEach
    void stop() {
        server.close();
        for (String token : users.all()) {
            assertThat(log.lines).as("the log").noneMatch(line -> line.contains(token));
        }
        assertThat(log.lines).noneMatch(line -> line.toLowerCase().contains("bearer"));
    }

    @Test
    void bindsLoopbackOnTheFreePortItReports() {
        assertThat(server.port()).isPositive();
        assertThat(server.url()).hasToString("http://127.0.0.1:" + server.port());
    }

    @Test
    void whoamiNamesTheUserOfATokenFromTheTenancyFile(@TempDir Path dir) throws Exception {
        String token = ApiTokens.generate();
        Path file = Files.writeString(dir.resolve("tenancy.yaml"), "teams:\n  vision:\n    role: vision\nusers:\n"
                + "  dana:\n    team: vision\n    tokenSha256: " + ApiTokens.sha256Hex(token) + "\n");
        TenancySource tenancy = TenancySource.watching(file, TenancyFile.read(file));
        try (ApiServer withFile = ApiServer.start(service, tenancy, ApiSettings.defaults().withPort(0))) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(withFile.url().resolve("/api/v1/whoami"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body())).isEqualTo(JSON.readTree("{\"user\":\"dana\",\"team\":\"vision\"}"));
        }
    }

    @Test
    void noTokenOrAnUnknownOneIs401WithWwwAuthenticate() throws Exception {
        for (String authorization : new String[] {null, "Bearer " + ApiTokens.generate(), users.aliceToken,
                "Basic " + users.aliceToken}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(url("/api/v1/jobs"));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(error(answer)).isNotBlank().doesNotContain(users.aliceToken);
            assertThat(answer.body()).doesNotContain(users.aliceToken);
        }
        assertThat(service.calls).isEmpty();
    }

    @Test
    void submitQueuesTheSpecAsWrittenAndAnswers201WithLocationAndUrl() throws Exception {
        String spec = "name: mnist\n# a comment the service keeps\nresources:\n  workers: 2\n";
        HttpResponse<String> answer = submit(users.aliceToken, "application/yaml", spec, "?priority=7");
        assertThat(answer.statusCode()).isEqualTo(201);
        JsonNode job = JSON.readTree(answer.body());
        long id = job.get("id").asLong();
        assertThat(answer.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + id);
        assertThat(job.get("url").asText()).isEqualTo(server.url() + "/api/v1/jobs/" + id);
        assertThat(job.get("name").asText()).isEqualTo("mnist");
        assertThat(job.get("user").asText()).isEqualTo("alice");
        assertThat(job.get("team").asText()).isEqualTo("vision");
        assertThat(job.get("state").asText()).isEqualTo("QUEUED");
        assertThat(job.get("priority").asInt()).isEqualTo(7);
        assertThat(job.get("submitted_at").asText()).isEqualTo("2025-03-01T12:00:00Z");
        assertThat(job.has("started_at")).as("absent values are left out").isFalse();
        assertThat(job.has("spec_yaml")).isFalse();
        assertThat(service.submissions).singleElement().satisfies(s -> {
            assertThat(s.specText()).isEqualTo(spec);
            assertThat(s.priority()).isEqualTo(7);
        });
        assertThat(service.calls).containsExactly("submit alice 7");
    }

    @Test
    void jsonAndCharsetUtf8AreAcceptedAsSpecs() throws Exception {
        assertThat(submit(users.aliceToken, "application/json", "{\"name\": \"j\"}", "").statusCode()).isEqualTo(201);
        assertThat(submit(users.aliceToken, "text/yaml; charset=UTF-8", "name: y\n", "").statusCode()).isEqualTo(201);
        assertThat(service.submissions).extracting(s -> s.specText()).containsExactly("{\"name\": \"j\"}", "name: y\n");
    }

    @Test
    void aRejectedSpecIs400NamingTheField() throws Exception {
        HttpResponse<String> answer = submit(users.aliceToken, "application/yaml", "resources:\n  workers: 0\n", "");
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("error").asText()).isEqualTo("resources.workers must be at least 1, got 0");
        assertThat(body.get("field").asText()).isEqualTo("resources.workers");
    }

    @Test
    void aBadPriorityIs400NamingItAndQueuesNothing() throws Exception {
        for (String query : new String[] {"?priority=high", "?priority=101", "?priority=1&priority=2", "?prio=1"}) {
            HttpResponse<String> answer = submit(users.aliceToken, "application/yaml", "name: a\n", query);
            assertThat(answer.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).get("field").asText()).as(query).startsWith("prio");
        }
        assertThat(service.submitted()).isFalse();
    }

    @Test
    void aBodyThatIsNoSpecIs415Or400AndQueuesNothing() throws Exception {
        assertThat(submit(users.aliceToken, "text/plain", "name: a\n", "").statusCode()).isEqualTo(415);
        assertThat(submit(users.aliceToken, "application/yaml; charset=latin1", "name: a\n", "").statusCode())
                .isEqualTo(415);
        HttpResponse<String> noType = http.send(HttpRequest.newBuilder(url("/api/v1/jobs"))
                .header("Authorization", "Bearer " + users.aliceToken)
                .POST(HttpRequest.BodyPublishers.ofString("name: a\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noType.statusCode()).isEqualTo(415);
        assertThat(error(noType)).contains("Content-Type");
        HttpResponse<String> notUtf8 = http.send(HttpRequest.newBuilder(url("/api/v1/jobs"))
                .header("Authorization", "Bearer " + users.aliceToken).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'n', ':', ' ', (byte) 0xff})).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notUtf8.statusCode()).isEqualTo(400);
        assertThat(error(notUtf8)).contains("UTF-8");
        assertThat(submit(users.aliceToken, "application/yaml", "  \n", "").statusCode()).isEqualTo(400);
        assertThat(service.submitted()).isFalse();
    }

    @Test
    void aContentLengthFarOverTheLimitIs413AtOnceWithoutReadingTheBody() throws Exception {
        // Only the head is sent: a server that tried to read the 100 MiB would time the test out.
        RawHttp.Answer answer = RawHttp.exchange(server.port(), "POST /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + users.aliceToken + "\r\nContent-Type: application/yaml\r\n"
                + "Content-Length: " + (MAX_BODY + RequestBody.DRAIN_BYTES + 1), new byte[0]);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(JSON.readTree(answer.body()).get("error").asText()).contains("limit of " + MAX_BODY + " bytes");
        assertThat(service.submitted()).isFalse();
    }

    @Test
    void aClientThatSendsItsWholeBodyBeforeReadingGets413NotAReset() throws Exception {
        // The JDK's client sends every byte first; a server that closed on unread bytes would reset it.
        for (int round = 0; round < 5; round++) {
            HttpResponse<String> answer = submit(users.aliceToken, "application/yaml", "#".repeat(2 * 1024 * 1024), "");
            assertThat(answer.statusCode()).isEqualTo(413);
        }
        assertThat(service.submitted()).isFalse();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AndOneWithinItIsQueued() throws Exception {
        String head = "POST /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + users.aliceToken
                + "\r\nContent-Type: application/yaml\r\nTransfer-Encoding: chunked\r\nConnection: close";
        RawHttp.Answer over = RawHttp.exchange(server.port(), head, RawHttp.chunked(MAX_BODY + 1));
        assertThat(over.status()).isEqualTo(413);
        assertThat(service.submitted()).isFalse();

        RawHttp.Answer within = RawHttp.exchange(server.port(), head, RawHttp.chunked(MAX_BODY));
        assertThat(within.status()).isEqualTo(201);
        assertThat(service.submissions).singleElement().satisfies(s -> assertThat(s.specText()).hasSize(MAX_BODY));
    }

    @Test
    void listsTheCallersTeamsJobsNewestFirstFilteredAsAsked() throws Exception {
        Job a1 = service.add("vision", "alice", "a1", JobState.QUEUED);
        Job b1 = service.add("vision", "bob", "b1", JobState.RUNNING);
        service.add("nlp", "carol", "c1", JobState.RUNNING);
        Job a2 = service.add("vision", "alice", "a2", JobState.RUNNING);

        assertThat(ids(get(users.aliceToken, "/api/v1/jobs"))).containsExactly(a2.id(), b1.id(), a1.id());
        assertThat(ids(get(users.aliceToken, "/api/v1/jobs?state=running,QUEUED&user=alice")))
                .containsExactly(a2.id(), a1.id());
        assertThat(ids(get(users.aliceToken, "/api/v1/jobs?state=RUNNING"))).containsExactly(a2.id(), b1.id());
        assertThat(ids(get(users.aliceToken, "/api/v1/jobs?limit=1"))).containsExactly(a2.id());
        assertThat(ids(get(users.carolToken, "/api/v1/jobs?user=alice"))).as("another team's user").isEmpty();
    }

    @Test
    void badListParametersAre400NamingTheParameter() throws Exception {
        for (String[] c : new String[][] {{"limit=1001", "limit"}, {"limit=0", "limit"}, {"state=DONE", "state"},
                {"user=", "user"}, {"color=red", "color"}}) {
            HttpResponse<String> answer = get(users.aliceToken, "/api/v1/jobs?" + c[0]);
            assertThat(answer.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).get("field").asText()).isEqualTo(c[1]);
            assertThat(error(answer)).contains(c[0].startsWith("state") ? "'DONE'" : "'" + c[1] + "'");
        }
    }

    @Test
    void showsAJobWithItsEvents() throws Exception {
        Job job = service.add("vision", "bob", "resnet", JobState.FAILED);
        JsonNode body = JSON.readTree(get(users.aliceToken, "/api/v1/jobs/" + job.id()).body());
        assertThat(body.get("name").asText()).isEqualTo("resnet");
        assertThat(body.get("exit_code").asInt()).isEqualTo(3);
        assertThat(body.get("error").asText()).isEqualTo("driver exited with code 3");
        assertThat(body.get("gpus").asInt()).isEqualTo(2);
        assertThat(body.get("attempts").asInt()).isEqualTo(1);
        assertThat(body.has("gpu_seconds")).isTrue();
        assertThat(body.get("finished_at").asText()).isEqualTo("2025-03-01T12:00:00Z");
        assertThat(body.get("events")).hasSize(2);
        assertThat(body.get("events").get(0).has("from")).isFalse();
        assertThat(body.get("events").get(1).get("from").asText()).isEqualTo("QUEUED");
        assertThat(body.get("events").get(1).get("to").asText()).isEqualTo("FAILED");
    }

    @Test
    void anotherTeamsJobIs403ForEveryRouteAndNothingHappensToIt() throws Exception {
        Job job = service.add("vision", "alice", "secret-project", JobState.RUNNING);
        service.log(job.id(), LogName.driver(1, LogName.Stream.STDOUT), "alice's output");
        String base = "/api/v1/jobs/" + job.id();
        for (HttpResponse<String> answer : Stream.of(get(users.carolToken, base),
                send(users.carolToken, "POST", base + "/cancel"), send(users.carolToken, "DELETE", base),
                get(users.carolToken, base + "/logs"), get(users.carolToken, base + "/logs/driver.stdout")).toList()) {
            assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.uri()).isEqualTo(403);
            assertThat(error(answer)).isEqualTo("job " + job.id() + " belongs to another team");
            assertThat(answer.body()).doesNotContain("secret-project", "alice");
        }
        assertThat(service.calls).noneMatch(c -> c.startsWith("cancel") || c.startsWith("log"));
    }

    @Test
    void unknownJobsAndRoutesAre404BadIds400WrongMethods405() throws Exception {
        HttpResponse<String> noJob = get(users.aliceToken, "/api/v1/jobs/999");
        assertThat(noJob.statusCode()).isEqualTo(404);
        assertThat(error(noJob)).isEqualTo("no job 999");
        assertThat(send(users.aliceToken, "POST", "/api/v1/jobs/999/cancel").statusCode()).isEqualTo(404);
        assertThat(get(users.aliceToken, "/api/v1/nothing").statusCode()).isEqualTo(404);
        assertThat(get(users.aliceToken, "/api").statusCode()).isEqualTo(404);
        HttpResponse<String> badId = get(users.aliceToken, "/api/v1/jobs/abc");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badId.body()).get("field").asText()).isEqualTo("id");
        HttpResponse<String> put = send(users.aliceToken, "PUT", "/api/v1/jobs");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("POST, GET");
        assertThat(get(users.aliceToken, "/api/v1/jobs/1/cancel").statusCode()).isEqualTo(405);
        assertThat(noJob.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    @Test
    void cancelAndDeleteCancelATeamJob() throws Exception {
        Job waiting = service.add("vision", "alice", "w", JobState.QUEUED);
        Job running = service.add("vision", "alice", "r", JobState.RUNNING);
        HttpResponse<String> cancelled = send(users.bobToken, "POST", "/api/v1/jobs/" + waiting.id() + "/cancel");
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(cancelled.body()).get("state").asText()).isEqualTo("CANCELLED");
        HttpResponse<String> deleted = send(users.aliceToken, "DELETE", "/api/v1/jobs/" + running.id());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(deleted.body()).get("state").asText()).isEqualTo("CANCELLING");
        assertThat(service.calls).containsExactly("cancel " + waiting.id() + " bob", "cancel " + running.id() + " alice");
    }

    @Test
    void logsAreListedAndReadFromAnOffsetWithTheNextOffsetAndCompleteness() throws Exception {
        Job job = service.add("vision", "alice", "j", JobState.RUNNING);
        service.log(job.id(), LogName.driver(1, LogName.Stream.STDOUT), "0123456789");
        service.log(job.id(), LogName.driver(1, LogName.Stream.STDERR), "err", "more");
        String base = "/api/v1/jobs/" + job.id() + "/logs";

        JsonNode names = JSON.readTree(get(users.aliceToken, base).body()).get("logs");
        assertThat(names.findValuesAsText("name")).containsExactly("driver.stdout@1", "driver.stderr@1");
        assertThat(names.get(0).get("stream").asText()).isEqualTo("stdout");

        HttpResponse<String> part = get(users.aliceToken, base + "/driver.stdout?offset=3&length=4");
        assertThat(part.statusCode()).isEqualTo(200);
        assertThat(part.body()).isEqualTo("3456");
        assertThat(part.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(part.headers().firstValue("X-Gantry-Next-Offset")).hasValue("7");
        assertThat(part.headers().firstValue("X-Gantry-Log-Complete")).hasValue("true");
        assertThat(part.headers().firstValue("X-Gantry-Log-Name")).hasValue("driver.stdout@1");
        assertThat(service.calls).contains("log " + job.id() + " driver.stdout@1 3 4");

        HttpResponse<String> growing = get(users.aliceToken, base + "/driver.stderr@1?offset=3");
        assertThat(growing.body()).isEmpty();
        assertThat(growing.headers().firstValue("X-Gantry-Next-Offset")).hasValue("3");
        assertThat(growing.headers().firstValue("X-Gantry-Log-Complete")).hasValue("false");
        assertThat(service.calls).contains("log " + job.id() + " driver.stderr@1 3 " + LogRoutes.MAX_LENGTH);
    }

    @Test
    void badLogRequestsAre400Or404() throws Exception {
        Job job = service.add("vision", "alice", "j", JobState.RUNNING);
        service.log(job.id(), LogName.driver(1, LogName.Stream.STDOUT), "x");
        String base = "/api/v1/jobs/" + job.id() + "/logs/";
        HttpResponse<String> badName = get(users.aliceToken, base + "..%2F..%2Fetc%2Fpasswd");
        assertThat(badName.statusCode()).isEqualTo(404);
        HttpResponse<String> notALog = get(users.aliceToken, base + "passwd");
        assertThat(notALog.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notALog.body()).get("field").asText()).isEqualTo("name");
        HttpResponse<String> tooLong = get(users.aliceToken, base + "driver.stdout?length=" + (LogRoutes.MAX_LENGTH + 1));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooLong.body()).get("field").asText()).isEqualTo("length");
        assertThat(get(users.aliceToken, base + "driver.stdout?offset=-1").statusCode()).isEqualTo(400);
        HttpResponse<String> missing = get(users.aliceToken, base + "worker-3.stderr");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(error(missing)).isEqualTo("job " + job.id() + " has no log worker-3.stderr@1 (yet)");
        assertThat(service.calls).noneMatch(c -> c.startsWith("log "));
    }

    @Test
    void theQueueShowsEveryTeamButNamesOnlyTheCallersJobs() throws Exception {
        Job own = service.add("vision", "bob", "vision-job", JobState.QUEUED);
        Job other = service.add("nlp", "carol", "nlp-job", JobState.QUEUED);
        service.queue.add(new QueueEntry(other.id(), "nlp", 1, "WAITING_FOR_SHARE"));
        service.queue.add(new QueueEntry(own.id(), "vision", 2, "GANG_DOES_NOT_FIT: needs 2 GPUs"));
        JsonNode queue = JSON.readTree(get(users.aliceToken, "/api/v1/queue").body()).get("queue");
        assertThat(queue).hasSize(2);
        assertThat(queue.get(0).get("job_id").asLong()).isEqualTo(other.id());
        assertThat(queue.get(0).get("team").asText()).isEqualTo("nlp");
        assertThat(queue.get(0).has("name")).isFalse();
        assertThat(queue.get(0).has("user")).isFalse();
        assertThat(queue.get(1).get("name").asText()).isEqualTo("vision-job");
        assertThat(queue.get(1).get("user").asText()).isEqualTo("bob");
        assertThat(queue.get(1).get("position").asInt()).isEqualTo(2);
        assertThat(queue.get(1).get("reason").asText()).startsWith("GANG_DOES_NOT_FIT");
    }

    @Test
    void anUnexpectedFailureIs500WithAGenericLineAndTheCauseOnlyInTheLog() throws Exception {
        service.failure = new IllegalStateException("database on fire");
        HttpResponse<String> answer = get(users.aliceToken, "/api/v1/jobs");
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(error(answer)).doesNotContain("fire").contains("internal error");
        assertThat(log.lines).anyMatch(line -> line.startsWith("ERROR") && line.contains("GET /api/v1/jobs of alice")
                && line.contains("database on fire"));
    }

    @Test
    void requestsBeyondTheConcurrencyLimitAre503() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        service.beforeJobs = () -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(request(users.aliceToken, "/api/v1/jobs")
                .build(), HttpResponse.BodyHandlers.ofString());
        entered.await();
        HttpResponse<String> refused = get(users.bobToken, "/api/v1/whoami");
        release.countDown();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(slow.get().statusCode()).isEqualTo(200);
        assertThat(get(users.bobToken, "/api/v1/whoami").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> submit(String token, String contentType, String body, String query) throws Exception {
        return http.send(request(token, "/api/v1/jobs" + query).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return http.send(request(token, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String token, String method, String path) throws Exception {
        return http.send(request(token, path).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String token, String path) {
        return HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token);
    }

    private URI url(String path) {
        return URI.create(server.url() + path);
    }

    private static String error(HttpResponse<String> answer) throws IOException {
        return JSON.readTree(answer.body()).get("error").asText();
    }

    private static java.util.List<Long> ids(HttpResponse<String> answer) throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        java.util.List<Long> ids = new java.util.ArrayList<>();
        JSON.readTree(answer.body()).get("jobs").forEach(j -> ids.add(j.get("id").asLong()));
        return ids;
    }
}
