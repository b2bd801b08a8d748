package dev.gantry.mesos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.protocol.ResourceNames;
import dev.gantry.protocol.TaskStates;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * A master's {@code GET /master/state} as Gantry's commands use it: its agents with what they
 * have and what is used, and its frameworks with their tasks. Reads real Mesos' JSON, where
 * agents are {@code slaves}, and the embedded cluster's, which also says {@code agents} and lists
 * each agent's GPUs.
 *
 * @param completedFrameworks frameworks that have ended and whose tasks the master still remembers
 */
public record MasterState(String version, boolean embedded, List<Agent> agents, List<Framework> frameworks,
                          List<Framework> completedFrameworks) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Scalar resources; absent ones are 0. */
    public record Resources(double cpus, double memMb, double gpus) {}

    /**
     * @param gpuModel the model of its GPUs where the agent lists them, else its {@code gpu_model}
     *     attribute, else null
     * @param gpusSimulated whether the embedded cluster simulates its GPUs
     * @param pid its libprocess id ({@code slave(1)@host:port}), or "" where the master does not say
     * @param reserved what is reserved on it, by role
     */
    public record Agent(String id, String hostname, boolean active, Resources total, Resources used,
                        Map<String, String> attributes, String gpuModel, boolean gpusSimulated, String pid,
                        Map<String, Resources> reserved) {
        /** Where the agent answers HTTP ({@code /files/read}, say): the address of its pid. */
        public Optional<URI> url() {
            int at = pid.lastIndexOf('@');
            return at < 0 ? Optional.empty() : Optional.of(URI.create("http://" + pid.substring(at + 1)));
        }
    }

    /**
     * @param connected false while its scheduler is away
     * @param recovered true after a master failover until its scheduler comes back
     * @param registered null where the master does not say
     * @param tasks its tasks that have not ended
     * @param completedTasks its ended tasks that the master still remembers
     * @param offers the offers it holds now, not yet accepted or declined
     */
    public record Framework(String id, String name, boolean active, boolean connected, boolean recovered,
                            Resources used, Instant registered, String webUiUrl, List<Task> tasks,
                            List<Task> completedTasks, List<Offer> offers) {}

    /**
     * An offer outstanding at a framework.
     *
     * @param role the role it was allocated to; "" where the master does not say
     */
    public record Offer(String id, String agentId, String role, Resources resources) {}

    /**
     * @param executorId its executor's id; a command task's own id, for which Mesos leaves it empty
     * @param labels its labels, by key
     * @param resources what it holds
     * @param role the role its resources were allocated to; "*" where the master does not say
     * @param gpuDevices the indices of the GPUs it holds, where the master says (the embedded cluster's
     *     {@code gpu_devices}; real Mesos tells only how many): empty otherwise
     */
    public record Task(String id, String state, String executorId, String agentId, Map<String, String> labels,
                       Resources resources, String role, List<Integer> gpuDevices) {
        /** Whether its state is a terminal one; a state this Mesos library does not know is not. */
        public boolean ended() {
            for (TaskState known : TaskState.values()) {
                if (known.name().equals(state)) {
                    return TaskStates.isTerminal(known);
                }
            }
            return false;
        }
    }

    /** @throws IllegalArgumentException when {@code json} is not a master's state */
    public static MasterState parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject() || !root.path("frameworks").isArray()) {
            throw new IllegalArgumentException("no \"frameworks\" list");
        }
        List<Agent> agents = new ArrayList<>();
        // Mesos' own key first; the embedded cluster writes both.
        for (JsonNode agent : root.has("slaves") ? root.path("slaves") : root.path("agents")) {
            agents.add(agent(agent));
        }
        return new MasterState(root.path("version").asText(""), root.path("embedded").asBoolean(false),
                List.copyOf(agents), frameworks(root.path("frameworks")), frameworks(root.path("completed_frameworks")));
    }

    private static Agent agent(JsonNode agent) {
        Map<String, String> attributes = new LinkedHashMap<>();
        agent.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        String model = null;
        boolean simulated = false;
        for (JsonNode gpu : agent.path("gpus")) {
            model = gpu.path("model").asText(null);
            simulated |= gpu.path("simulated").asBoolean(false);
        }
        Map<String, Resources> reserved = new LinkedHashMap<>();
        agent.path("reserved_resources").fields().forEachRemaining(e -> reserved.put(e.getKey(), resources(e.getValue())));
        return new Agent(agent.path("id").asText(), agent.path("hostname").asText(),
                agent.path("active").asBoolean(true), resources(agent.path("resources")),
                resources(agent.path("used_resources")), Collections.unmodifiableMap(attributes),
                model != null ? model : attributes.get("gpu_model"), simulated, agent.path("pid").asText(""),
                Collections.unmodifiableMap(reserved));
    }

    private static List<Framework> frameworks(JsonNode list) {
        List<Framework> frameworks = new ArrayList<>();
        for (JsonNode framework : list) {
            frameworks.add(framework(framework));
        }
        return List.copyOf(frameworks);
    }

    private static Framework framework(JsonNode framework) {
        double registeredSeconds = framework.path("registered_time").asDouble(0);
        return new Framework(framework.path("id").asText(""), framework.path("name").asText(""),
                framework.path("active").asBoolean(true), framework.path("connected").asBoolean(true),
                framework.path("recovered").asBoolean(false), resources(framework.path("used_resources")),
                registeredSeconds > 0 ? Instant.ofEpochMilli(Math.round(registeredSeconds * 1000)) : null,
                framework.path("webui_url").asText(""), tasks(framework.path("tasks")),
                tasks(framework.path("completed_tasks")), offers(framework.path("offers")));
    }

    private static List<Offer> offers(JsonNode list) {
        List<Offer> offers = new ArrayList<>();
        for (JsonNode offer : list) {
            // Real Mesos says the role in allocation_info, the embedded cluster in role.
            String role = offer.path("allocation_info").path("role").asText(offer.path("role").asText(""));
            String agent = offer.has("slave_id") ? offer.path("slave_id").asText() : offer.path("agent_id").asText("");
            offers.add(new Offer(offer.path("id").asText(""), agent, role, resources(offer.path("resources"))));
        }
        return List.copyOf(offers);
    }

    private static List<Task> tasks(JsonNode list) {
        List<Task> tasks = new ArrayList<>();
        for (JsonNode task : list) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (JsonNode label : task.path("labels")) {
                labels.put(label.path("key").asText(), label.path("value").asText());
            }
            String id = task.path("id").asText("");
            String executor = task.path("executor_id").asText("");
            String agent = task.has("slave_id") ? task.path("slave_id").asText() : task.path("agent_id").asText("");
            tasks.add(new Task(id, task.path("state").asText(""), executor.isEmpty() ? id : executor, agent,
                    Collections.unmodifiableMap(labels), resources(task.path("resources")), task.path("role").asText("*"),
                    gpuDevices(task.path("gpu_devices").asText(""))));
        }
        return List.copyOf(tasks);
    }

    /** The embedded cluster's {@code "0,1"}; anything that is not such a list says nothing. */
    private static List<Integer> gpuDevices(String text) {
        if (!text.matches("[0-9]{1,6}(,[0-9]{1,6}){0,1023}")) {
            return List.of();
        }
        List<Integer> devices = new ArrayList<>();
        for (String index : text.split(",")) {
            devices.add(Integer.parseInt(index));
        }
        return List.copyOf(devices);
    }

    private static Resources resources(JsonNode resources) {
        return new Resources(resources.path(ResourceNames.CPUS).asDouble(0),
                resources.path(ResourceNames.MEM).asDouble(0),
                resources.path(ResourceNames.GPUS).asDouble(0));
    }
}
