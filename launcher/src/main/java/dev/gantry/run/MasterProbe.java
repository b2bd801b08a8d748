package dev.gantry.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.job.JobSpecException;
import dev.gantry.mesos.Credential;
import dev.gantry.mesos.MasterAddresses;
import dev.gantry.placement.Amounts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a master's {@code /master/state} before a job starts, so that an unreachable master or a
 * cluster too small for the job is one line at once rather than a wait for offers that never fit.
 * Real Mesos lists agents under {@code slaves}; Gantry's embedded cluster under {@code agents} too.
 */
final class MasterProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    // A cluster of thousands of agents stays well under this; anything larger is not a master.
    private static final long MAX_STATE_BYTES = 256L << 20;

    private MasterProbe() {}

    static ClusterView read(String master, Optional<Credential> credential) {
        List<URI> bases;
        try {
            bases = MasterAddresses.parse(master);
        } catch (IllegalArgumentException e) {
            throw new JobSpecException("master: " + e.getMessage());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String lastProblem = "no address";
        for (URI base : bases) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/master/state")).timeout(TIMEOUT).GET()
                    .header("Accept", "application/json");
            credential.ifPresent(c -> request.header("Authorization", c.basicAuthorization()));
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 401 || response.statusCode() == 403) {
                    throw new JobSpecException("master: " + master + " refused the job's credentials (HTTP "
                            + response.statusCode() + "); set spark.mesos.principal and spark.mesos.secret(.file)");
                }
                if (response.statusCode() != 200) {
                    lastProblem = "HTTP " + response.statusCode() + " from " + base;
                    continue;
                }
                if (response.body().length > MAX_STATE_BYTES) {
                    throw new JobSpecException("master: " + base + "/master/state is larger than "
                            + (MAX_STATE_BYTES >> 20) + " MB; is it a Mesos master?");
                }
                return parse(master, JSON.readTree(response.body()));
            } catch (ConnectException | HttpTimeoutException e) {
                lastProblem = (e instanceof ConnectException ? "connection refused" : "no answer") + " at " + base;
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + " at " + base;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobSpecException("master: interrupted while reaching " + master);
            }
        }
        throw new JobSpecException("master: cannot reach the Mesos master " + master + " (" + lastProblem + ")");
    }

    static ClusterView parse(String master, JsonNode state) {
        JsonNode agentNodes = state.has("slaves") ? state.get("slaves") : state.path("agents");
        boolean simulated = false;
        List<AgentView> agents = new ArrayList<>();
        for (JsonNode agent : agentNodes) {
            if (!agent.path("active").asBoolean(true)) {
                continue;
            }
            Amounts total = amounts(agent.path("resources"));
            Amounts used = amounts(agent.path("used_resources"));
            String model = null;
            for (JsonNode gpu : agent.path("gpus")) {
                model = gpu.path("model").asText(null);
                simulated |= gpu.path("simulated").asBoolean(false);
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            agent.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
            if (model == null) {
                model = attributes.get("gpu_model");
            }
            Amounts free = new Amounts(Math.max(0, total.cpus() - used.cpus()), Math.max(0, total.memMb() - used.memMb()),
                    Math.max(0, total.gpus() - used.gpus()));
            agents.add(new AgentView(agent.path("id").asText(), agent.path("hostname").asText(), total, free, model,
                    attributes));
        }
        return new ClusterView(master, state.path("embedded").asBoolean(false), simulated, agents);
    }

    private static Amounts amounts(JsonNode resources) {
        return new Amounts(resources.path("cpus").asDouble(0), resources.path("mem").asDouble(0),
                (int) Math.floor(resources.path("gpus").asDouble(0)));
    }
}
