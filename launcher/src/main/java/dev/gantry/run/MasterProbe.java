package dev.gantry.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.job.JobSpecException;
import dev.gantry.mesos.Credential;
import dev.gantry.mesos.MasterAddresses;
import dev.gantry.mesos.MasterOperator;
import dev.gantry.mesos.OperatorCallException;
import dev.gantry.placement.Amounts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a master's state before a job starts, so that an unreachable master or a
 * cluster too small for the job is one line at once rather than a wait for offers that never fit.
 * Real Mesos lists agents under {@code slaves}; Gantry's embedded cluster under {@code agents} too.
 */
final class MasterProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private MasterProbe() {}

    static ClusterView read(String master, Optional<Credential> credential) {
        MasterOperator operator;
        try {
            operator = MasterOperator.of(master, credential, TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new JobSpecException("master: " + e.getMessage());
        }
        String shown = MasterAddresses.printable(master);
        try {
            return parse(shown, JSON.readTree(operator.state()));
        } catch (OperatorCallException e) {
            throw new JobSpecException("master: " + shown + " refused to show its state (HTTP " + e.status() + ")"
                    + (e.status() == 401 || e.status() == 403
                    ? "; set spark.mesos.principal and spark.mesos.secret or spark.mesos.secret.file" : ""));
        } catch (IOException e) {
            throw new JobSpecException("master: cannot reach the Mesos master " + shown + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobSpecException("master: interrupted while reaching " + master);
        }
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
