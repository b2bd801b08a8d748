package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.service.api.ApiServer;
import dev.gantry.service.api.ApiSettings;
import dev.gantry.service.drivers.GantryInstall;
import dev.gantry.service.jobs.GantryService;
import dev.gantry.service.store.DatabaseConfig;
import dev.gantry.service.tenancy.ApiTokens;
import dev.gantry.service.tenancy.Tenancy;
import dev.gantry.service.tenancy.TenancyFile;
import dev.gantry.service.tenancy.User;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a job page shows, end to end: {@code gantry serve}'s core and API on the embedded cluster,
 * a real job (its driver a Mesos task, two workers with a GPU each) followed through its progress
 * stream while it trains. Its steps arrive while it runs, each step's loss exactly as the finished
 * job's {@code metrics.json} keeps it; the cluster shows the job holding its GPUs; and the finished
 * job's page links its report.
 */
class ServiceProgressIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();

    /** One server-sent event as the stream sent it. */
    private record Sse(String name, String data) {}

    @Test
    void aJobsProgressStreamsWhileItTrainsAndTheClusterShowsItsGpus() throws Exception {
        Path file = temp.resolve("tenancy.yaml");
        Files.writeString(file, ServiceTests.TWO_TEAMS);
        Tenancy tenancy = TenancyFile.read(file);
        User alice = tenancy.user("alice").orElseThrow();
        User bob = tenancy.user("bob").orElseThrow();
        String aliceToken = ApiTokens.generate();
        String bobToken = ApiTokens.generate();
        Map<String, User> byToken = Map.of(aliceToken, alice, bobToken, bob);
        Path data = temp.resolve("service");
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder()
                .agent(AgentSpec.builder().cpus(8).memMb(16384).gpus(2).build()).build());
             GantryService service = GantryService.start(GantryService.Settings.of(cluster.mesosUrl(), data, tenancy,
                     DatabaseConfig.embedded(data)).withInstall(GantryInstall.checkout(GantryRun.ROOT)));
             ApiServer api = ApiServer.start(service.jobs(), token -> Optional.ofNullable(byToken.get(token)),
                     ApiSettings.defaults().withPort(0))) {
            service.awaitSubscribed(ServiceTests.WAIT);
            HttpResponse<String> submitted = http.send(request(api, aliceToken, "/api/v1/jobs")
                    .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(spec()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
            long id = JSON.readTree(submitted.body()).get("id").asLong();
            String job = "/api/v1/jobs/" + id;
            assertThat(get(api, bobToken, job + "/progress/stream").statusCode()).isEqualTo(403);

            List<Sse> events = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> followed = CompletableFuture.runAsync(() -> follow(api, aliceToken,
                    job + "/progress/stream", events));

            // While it trains, the cluster shows both GPUs held by the job, named to its team only.
            JsonNode gpus = null;
            long deadline = System.nanoTime() + ServiceTests.WAIT.toNanos();
            while (gpus == null && !followed.isDone() && System.nanoTime() < deadline) {
                JsonNode slots = JSON.readTree(get(api, aliceToken, "/api/v1/cluster").body()).path("agents").path(0)
                        .path("gpus");
                if (slots.size() == 2 && slots.get(0).path("held_by").path("job_id").asLong() == id
                        && slots.get(1).path("held_by").path("job_id").asLong() == id) {
                    gpus = slots;
                }
                Thread.sleep(200);
            }
            assertThat(gpus).as("the cluster while job %d ran; events so far: %s", id, events).isNotNull();
            assertThat(gpus.get(0).get("held_by").get("name").asText()).isEqualTo("progress");
            JsonNode seenByBob = JSON.readTree(get(api, bobToken, "/api/v1/cluster").body());
            assertThat(seenByBob.path("agents").path(0).path("gpus").path(0).path("held_by").has("name")).isFalse();

            followed.get(ServiceTests.WAIT.toSeconds(), TimeUnit.SECONDS);
            JsonNode finished = JSON.readTree(get(api, aliceToken, job).body());
            assertThat(finished.get("state").asText()).as(finished.toString()).isEqualTo("COMPLETED");

            // Steps arrived while the job ran: before the stream said it was final, and growing.
            int end = events.size() - 1;
            assertThat(events.get(end).name()).isEqualTo("end");
            int finalState = indexOf(events, e -> e.name().equals("state") && isFinal(e.data()));
            List<Long> firstSteps = new ArrayList<>();
            for (Sse event : events.subList(0, finalState)) {
                JsonNode json = JSON.readTree(event.data());
                if (event.name().equals("message") && json.get("type").asText().equals("steps")) {
                    firstSteps.add(json.get("first_step").asLong());
                }
            }
            assertThat(firstSteps).as("steps before the job was final: %s", events).hasSizeGreaterThan(1);
            assertThat(firstSteps).isSorted().doesNotHaveDuplicates();

            // Every step's loss, as the finished job's metrics.json has it (a replayed step counts as replayed).
            Map<Long, Float> losses = new TreeMap<>();
            for (Sse event : events) {
                JsonNode json = event.name().equals("message") ? JSON.readTree(event.data()) : null;
                if (json != null && json.get("type").asText().equals("steps")) {
                    long first = json.get("first_step").asLong();
                    for (int i = 0; i < json.get("loss").size(); i++) {
                        losses.put(first + i, json.get("loss").get(i).floatValue());
                    }
                }
            }
            JsonNode stepLosses = JSON.readTree(Path.of(finished.get("output_directory").asText())
                    .resolve("metrics.json").toFile()).get("stepLosses");
            Map<Long, Float> expected = new TreeMap<>();
            for (int i = 0; i < stepLosses.get("loss").size(); i++) {
                expected.put(stepLosses.get("firstStep").asLong() + i, stepLosses.get("loss").get(i).floatValue());
            }
            assertThat(losses).isEqualTo(expected);

            // The finished job's page: its progress in brief, its spec, its report.
            JsonNode progress = finished.get("progress");
            assertThat(progress.get("step").asLong()).isEqualTo(expected.size());
            assertThat(progress.get("outcome").asText()).isEqualTo("finished");
            assertThat(finished.get("spec").asText()).isEqualTo(spec());
            assertThat(finished.get("sandboxes").findValuesAsText("process")).contains("driver", "worker-0", "worker-1");
            HttpResponse<String> report = get(api, aliceToken, job + "/report");
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(report.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(finished.get("report").asText()).endsWith(job + "/report");
        }
    }

    /** Two workers of one GPU each, 10 epochs of 16 steps. */
    private static String spec() {
        return """
                name: progress
                framework: tensorflow
                model: {kind: mlp, inputShape: [784], classes: 10, hidden: [32]}
                data: {format: synthetic, options: {examples: 2048, seed: 7}}
                training: {epochs: 10, batchSize: 128}
                resources: {workers: 2, gpusPerWorker: 1, cpusPerWorker: 1, memoryPerWorker: 1g}
                spark: {spark.ui.enabled: "false"}
                """;
    }

    private void follow(ApiServer api, String token, String path, List<Sse> events) {
        try {
            HttpResponse<java.io.InputStream> answer = http.send(request(api, token, path).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(answer.statusCode()).isEqualTo(200);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(answer.body(),
                    StandardCharsets.UTF_8))) {
                String name = "message";
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    } else if (line.isEmpty() && data.length() > 0) {
                        events.add(new Sse(name, data.toString()));
                        name = "message";
                        data.setLength(0);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isFinal(String data) {
        try {
            return List.of("COMPLETED", "FAILED", "CANCELLED").contains(JSON.readTree(data).get("state").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(List<Sse> events, java.util.function.Predicate<Sse> wanted) {
        for (int i = 0; i < events.size(); i++) {
            if (wanted.test(events.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such event in " + events);
    }

    private HttpResponse<String> get(ApiServer api, String token, String path) throws Exception {
        return http.send(request(api, token, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(ApiServer api, String token, String path) {
        return HttpRequest.newBuilder(URI.create(api.url() + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(7));
    }
}
