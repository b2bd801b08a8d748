package dev.gantry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code gantry status} shows of a master's {@code /master/state}: the jobs (its
 * frameworks, removed ones excluded) and a summary of the agents and their GPUs. Reads real
 * Mesos' JSON, where agents are {@code slaves}, and the embedded cluster's, which also says
 * {@code agents}.
 */
record ClusterSnapshot(String version, boolean embedded, int agents, double gpus, double gpusUsed,
                       boolean gpusSimulated, List<Job> jobs) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A framework as a job: Spark names it after the application. */
    record Job(String name, String frameworkId, String state, int tasksRunning, double cpus, double memMb,
               double gpus, Instant registered, Duration uptime, String webUiUrl) {}

    double gpusFree() {
        return Math.max(0, gpus - gpusUsed);
    }

    /**
     * @param now to tell each job's uptime by
     * @throws IllegalArgumentException when {@code json} is not a master's state
     */
    static ClusterSnapshot parse(String json, Instant now) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject() || !root.path("frameworks").isArray()) {
            throw new IllegalArgumentException("no \"frameworks\" list");
        }
        // Mesos' own key first; the embedded cluster writes both.
        JsonNode agents = root.has("slaves") ? root.path("slaves") : root.path("agents");
        double gpus = 0;
        double gpusUsed = 0;
        boolean simulated = false;
        for (JsonNode agent : agents) {
            gpus += agent.path("resources").path("gpus").asDouble(0);
            gpusUsed += agent.path("used_resources").path("gpus").asDouble(0);
            for (JsonNode device : agent.path("gpus")) {
                simulated |= device.path("simulated").asBoolean(false);
            }
        }
        List<Job> jobs = new ArrayList<>();
        for (JsonNode framework : root.path("frameworks")) {
            jobs.add(job(framework, now));
        }
        return new ClusterSnapshot(root.path("version").asText(""), root.path("embedded").asBoolean(false),
                agents.size(), gpus, gpusUsed, simulated, List.copyOf(jobs));
    }

    private static Job job(JsonNode framework, Instant now) {
        int running = 0;
        for (JsonNode task : framework.path("tasks")) {
            if (task.path("state").asText("").equals("TASK_RUNNING")) {
                running++;
            }
        }
        JsonNode used = framework.path("used_resources");
        double registeredSeconds = framework.path("registered_time").asDouble(0);
        Instant registered = registeredSeconds > 0 ? Instant.ofEpochMilli(Math.round(registeredSeconds * 1000)) : null;
        Duration uptime = registered == null || registered.isAfter(now) ? Duration.ZERO : Duration.between(registered, now);
        String webUi = framework.path("webui_url").asText("");
        return new Job(framework.path("name").asText(""), framework.path("id").asText(""), state(framework), running,
                used.path("cpus").asDouble(0), used.path("mem").asDouble(0), used.path("gpus").asDouble(0),
                registered, uptime, webUi);
    }

    /**
     * Mesos' words: a framework is disconnected while its scheduler is away (within its failover
     * timeout, or not yet back after a master failover), inactive when connected but deactivated,
     * else active.
     */
    private static String state(JsonNode framework) {
        if (!framework.path("connected").asBoolean(true) || framework.path("recovered").asBoolean(false)) {
            return "disconnected";
        }
        return framework.path("active").asBoolean(true) ? "active" : "inactive";
    }
}
