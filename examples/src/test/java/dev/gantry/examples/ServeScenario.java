package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantry serve} as a team runs it, all real processes: a cluster (each subclass says which),
 * the service on it, and two users with their tokens submitting
 * through the CLI and the HTTP API. Bad requests are refused with 401, 403, 400 naming the field
 * and 413, leaving nothing queued; a service killed with {@code kill -9} mid-queue and started
 * again loses no job and re-attaches the running driver; a queued job is cancelled; a finished
 * job's driver log is read back through {@code gantry logs}.
 */
abstract class ServeScenario {
    static final Pattern MASTER = Pattern.compile("mesos://127\\.0\\.0\\.1:\\d+");
    private static final Pattern API = Pattern.compile("API on (http://127\\.0\\.0\\.1:\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();
    private GantryProcesses processes;

    @BeforeEach
    void processes() {
        processes = new GantryProcesses(temp);
    }

    @AfterEach
    void stopAll() {
        processes.close();
    }

    Process gantry(Path log, String... args) throws IOException {
        return processes.start(log, args);
    }

    /** Runs a CLI command to its end; its exit code and output. */
    private GantryRun.Ended cli(String... args) throws Exception {
        return processes.run(args);
    }

    static String awaitLine(Path log, Pattern pattern, Process process) throws Exception {
        long deadline = System.nanoTime() + ServiceTests.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            assertThat(process.isAlive()).as("exited early: " + text).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("never printed " + pattern + ": " + Files.readString(log));
    }

    /** The Mesos master of a cluster with one agent of two GPUs, started for the test. */
    abstract String startCluster() throws Exception;

    /** Where the service keeps its state: options of {@code gantry serve}; none for its embedded database. */
    List<String> databaseOptions() throws Exception {
        return List.of();
    }

    /** Spark settings the jobs need on this cluster, inside the spec's {@code spark} map. */
    String extraSpark() {
        return "";
    }

    private String spec(String name, int epochs) {
        return ServiceTests.twoGpuJob(name, epochs, extraSpark());
    }

    private HttpResponse<String> request(String url, String token, String method, String body, String type)
            throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (type != null) {
            builder.header("Content-Type", type);
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode job(String api, String token, long id) throws Exception {
        HttpResponse<String> response = request(api + "/api/v1/jobs/" + id, token, "GET", null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode awaitState(String api, String token, long id, String state) throws Exception {
        long deadline = System.nanoTime() + ServiceTests.WAIT.toNanos();
        while (true) {
            JsonNode job = job(api, token, id);
            String now = job.path("state").asText();
            if (now.equals(state)) {
                return job;
            }
            if (List.of("COMPLETED", "FAILED", "CANCELLED").contains(now) || System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " never became " + state + ": " + job);
            }
            Thread.sleep(300);
        }
    }

    private Process serve(Path log, String master, Path tenancy, Path data, List<String> database)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("serve", "--master", master, "--tenancy", tenancy.toString(),
                "--data-dir", data.toString(), "--port", "0"));
        args.addAll(database);
        return gantry(log, args.toArray(String[]::new));
    }

    @Test
    void twoTeamsUseTheServiceThroughItsApiAndCliAndItSurvivesKillMinus9() throws Exception {
        String master = startCluster();
        Path tenancy = temp.resolve("tenancy.yaml");
        Files.writeString(tenancy, ServiceTests.TWO_TEAMS);
        GantryRun.Ended aliceToken = cli("serve", "token", "alice", "--tenancy", tenancy.toString());
        GantryRun.Ended bobToken = cli("serve", "token", "bob", "--tenancy", tenancy.toString());
        assertThat(aliceToken.exit()).as(aliceToken.printed()).isZero();
        String alice = aliceToken.printed().strip();
        String bob = bobToken.printed().strip();
        assertThat(Files.readString(tenancy)).doesNotContain(alice).doesNotContain(bob);
        Path aliceFile = temp.resolve("alice.token");
        Files.writeString(aliceFile, alice + "\n");

        Path data = temp.resolve("service");
        List<String> database = databaseOptions();
        Process service = serve(temp.resolve("serve.log"), master, tenancy, data, database);
        String api = awaitLine(temp.resolve("serve.log"), API, service);
        assertThat(Files.readString(temp.resolve("serve.log"))).contains(database.isEmpty()
                ? "state in embedded database " + data : "state in PostgreSQL database " + database.get(1));
        String jobs = api + "/api/v1/jobs";

        // Bad requests: refused with their reason, nothing queued.
        assertThat(request(jobs, null, "GET", null, null).statusCode()).isEqualTo(401);
        assertThat(request(jobs, "gantry_not-a-token", "POST", spec("x", 1), "application/yaml").statusCode())
                .isEqualTo(401);
        HttpResponse<String> bad = request(jobs, bob, "POST", spec("x", 1).replace("workers: 1", "workers: 0"),
                "application/yaml");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("field").asText()).isEqualTo("resources.workers");
        assertThat(request(jobs, bob, "POST", "#".repeat(2 * 1024 * 1024), "application/yaml").statusCode())
                .isEqualTo(413);
        assertThat(JSON.readTree(request(jobs, bob, "GET", null, null).body()).path("jobs")).isEmpty();

        // Alice submits through the CLI: a long job, then one that waits for the GPUs.
        Path longSpec = temp.resolve("long.yaml");
        Files.writeString(longSpec, spec("long", 40));
        GantryRun.Ended submitted = cli("submit", longSpec.toString(), "--service", api, "--token-file",
                aliceFile.toString());
        assertThat(submitted.exit()).as(submitted.printed()).isZero();
        assertThat(submitted.printed()).contains("submitted job 1: " + api + "/api/v1/jobs/1");
        Path shortSpec = temp.resolve("short.yaml");
        Files.writeString(shortSpec, spec("short", 1));
        assertThat(cli("submit", shortSpec.toString(), "--service", api, "--token-file", aliceFile.toString())
                .printed()).contains("submitted job 2");
        // Bob submits through the API; his job waits too, and Alice's are not his to see.
        HttpResponse<String> bobs = request(jobs, bob, "POST", spec("bobs", 1), "application/yaml");
        assertThat(bobs.statusCode()).as(bobs.body()).isEqualTo(201);
        long bobsJob = JSON.readTree(bobs.body()).path("id").asLong();
        assertThat(request(jobs + "/1", bob, "GET", null, null).statusCode()).isEqualTo(403);
        assertThat(request(jobs + "/1/cancel", bob, "POST", null, null).statusCode()).isEqualTo(403);
        // Bob's teammate, given a token while the service runs, sees his job at once: no restart.
        GantryRun.Ended carolToken = cli("serve", "token", "carol", "--team", "speech", "--tenancy",
                tenancy.toString());
        assertThat(carolToken.exit()).as(carolToken.printed()).isZero();
        HttpResponse<String> carols = request(jobs + "/" + bobsJob, carolToken.printed().strip(), "GET", null, null);
        assertThat(carols.statusCode()).as(carols.body()).isEqualTo(200);

        awaitState(api, alice, 1, "RUNNING");
        assertThat(job(api, alice, 2).path("state").asText()).isEqualTo("QUEUED");

        // kill -9 of the service mid-queue; the driver of job 1 runs on in the cluster.
        service.destroyForcibly().waitFor();
        Process again = serve(temp.resolve("serve-again.log"), master, tenancy, data, database);
        String api2 = awaitLine(temp.resolve("serve-again.log"), API, again);
        // Nothing lost: every job is there, none failed.
        for (long id : List.of(1L, 2L)) {
            assertThat(job(api2, alice, id).path("state").asText()).isIn("QUEUED", "STARTING", "RUNNING", "COMPLETED");
        }
        assertThat(job(api2, bob, bobsJob).path("state").asText()).isIn("QUEUED", "STARTING", "RUNNING");

        // Bob cancels his waiting job; Alice's two finish, the first still on its first attempt.
        GantryRun.Ended cancel = cli("cancel", Long.toString(bobsJob), "--service", api2, "--token-file",
                Files.writeString(temp.resolve("bob.token"), bob).toString());
        assertThat(cancel.exit()).as(cancel.printed()).isZero();
        awaitState(api2, bob, bobsJob, "CANCELLED");
        JsonNode first = awaitState(api2, alice, 1, "COMPLETED");
        assertThat(first.path("attempts").asInt()).as("re-attached after the restart, never relaunched").isEqualTo(1);
        awaitState(api2, alice, 2, "COMPLETED");

        GantryRun.Ended listed = cli("jobs", "--service", api2, "--token-file", aliceFile.toString());
        assertThat(listed.printed()).contains("long", "short", "COMPLETED").doesNotContain("bobs");
        GantryRun.Ended log = cli("logs", "1", "--service", api2, "--token-file", aliceFile.toString());
        assertThat(log.exit()).as(log.printed()).isZero();
        assertThat(log.printed()).contains("finished:");
    }
}
