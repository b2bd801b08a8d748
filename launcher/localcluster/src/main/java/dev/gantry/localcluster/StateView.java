package dev.gantry.localcluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.protocol.ResourceNames;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * A read-only snapshot of the cluster in the spirit of Mesos' {@code /master/state}, taken on
 * the master thread, with the fields tools read from a real master's. Gantry's own names are
 * "agents" and "agent_id"; Mesos' compatibility keys ("slaves", "activated_slaves", a task's
 * "slave_id") repeat them, so that tools written for a real master read this one too.
 * Task environments and secrets are never included.
 */
public final class StateView {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    // What an embedded agent can do that Mesos agents announce: roles, nested roles, refined reservations.
    private static final String[] AGENT_CAPABILITIES = {"MULTI_ROLE", "HIERARCHICAL_ROLE", "RESERVATION_REFINEMENT"};

    private final ObjectNode root;

    private StateView(ObjectNode root) {
        this.root = root;
    }

    /** The snapshot as JSON. */
    public ObjectNode json() {
        return root;
    }

    static StateView of(Master master) {
        ObjectNode root = JSON.objectNode();
        String pid = "master@" + master.masterInfo().getAddress().getIp() + ":" + master.masterInfo().getPort();
        org.apache.mesos.v1.Protos.VersionInfo version = MesosVersion.info(master.startMillis());
        root.put("version", version.getVersion());
        root.put("build_date", version.getBuildDate());
        root.put("build_time", version.getBuildTime());
        root.put("build_user", version.getBuildUser());
        root.put("embedded", true);
        root.put("id", master.id());
        root.put("pid", pid);
        root.put("hostname", master.masterInfo().getHostname());
        root.put("start_time", master.startMillis() / 1000.0);
        // The embedded master leads from its start: there is no election.
        root.put("elected_time", master.startMillis() / 1000.0);
        root.putArray("capabilities");
        root.put("leader", pid);
        ObjectNode leader = root.putObject("leader_info");
        leader.put("id", master.id());
        leader.put("pid", pid);
        leader.put("port", master.masterInfo().getPort());
        leader.put("hostname", master.masterInfo().getHostname());
        root.set("flags", flags(master.spec()));
        root.put("activated_agents", master.agents().size());
        // Mesos' compatibility keys, with its numbers (it writes these counts as doubles).
        root.put("activated_slaves", (double) master.agents().size());
        root.put("deactivated_slaves", 0.0);
        root.put("unreachable_slaves", 0.0);
        ArrayNode agents = root.putArray("agents");
        for (Agent agent : master.agents().values()) {
            agents.add(agent(agent, master.startMillis() / 1000.0));
        }
        // The same nodes under Mesos' name; the JSON repeats them, nothing is copied.
        root.set("slaves", agents);
        ArrayNode frameworks = root.putArray("frameworks");
        for (Framework framework : master.frameworks().values()) {
            frameworks.add(framework(framework, true));
        }
        ArrayNode completed = root.putArray("completed_frameworks");
        for (Framework framework : master.completedFrameworks().values()) {
            completed.add(framework(framework, false));
        }
        // Nothing is ever recovered or orphaned here: no registry survives a restart.
        root.putArray("recovered_slaves");
        root.putArray("orphan_tasks");
        root.putArray("unregistered_frameworks");
        return new StateView(root);
    }

    /** The flags a Mesos master would report for this setup, as Mesos writes them: text values. */
    private static ObjectNode flags(ClusterSpec spec) {
        ObjectNode flags = JSON.objectNode();
        flags.put("authenticate_frameworks", String.valueOf(spec.credentials() != null));
        flags.put("authenticate_http_frameworks", String.valueOf(spec.credentials() != null));
        flags.put("allocation_interval", spec.allocationInterval().toMillis() + "ms");
        if (spec.offerTimeout() != null) {
            flags.put("offer_timeout", spec.offerTimeout().toMillis() + "ms");
        }
        return flags;
    }

    private static ObjectNode agent(Agent agent, double startSeconds) {
        ObjectNode node = JSON.objectNode();
        node.put("id", agent.id.getValue());
        node.put("hostname", agent.hostname);
        node.put("port", agent.url.getAddress().getPort());
        // libprocess' id of the agent, e.g. slave(1)@127.0.0.1:5051, as Mesos writes it.
        node.put("pid", agent.url.getPath().substring(1) + "@" + agent.url.getAddress().getIp() + ":"
                + agent.url.getAddress().getPort());
        node.put("registered_time", startSeconds);
        node.put("active", true);
        node.put("deactivated", false);
        node.put("version", MesosVersion.VERSION);
        ArrayNode capabilities = node.putArray("capabilities");
        for (String capability : AGENT_CAPABILITIES) {
            capabilities.add(capability);
        }
        node.set("resources", amounts(agent.total.summary()));
        node.set("used_resources", amounts(agent.allocated.summary()));
        node.set("offered_resources", amounts(agent.offered.summary()));
        node.set("unreserved_resources", amounts(agent.total.reservedFor(ResourceVector.UNRESERVED).summary()));
        ObjectNode reserved = node.putObject("reserved_resources");
        for (String role : agent.total.reservationRoles()) {
            reserved.set(role, amounts(agent.total.reservedFor(role).summary()));
        }
        ObjectNode attributes = node.putObject("attributes");
        agent.spec.attributes().forEach(attributes::put);
        ArrayNode gpus = node.putArray("gpus");
        for (GpuDevice gpu : agent.gpus) {
            ObjectNode g = gpus.addObject();
            g.put("index", gpu.index());
            g.put("model", gpu.model());
            g.put("uuid", gpu.uuid());
            g.put("simulated", gpu.simulated());
        }
        node.put("free_gpus", agent.freeGpuCount());
        return node;
    }

    private static ObjectNode framework(Framework framework, boolean active) {
        ObjectNode node = JSON.objectNode();
        FrameworkInfo info = framework.info;
        node.put("id", framework.id.getValue());
        node.put("name", info.getName());
        node.put("user", info.getUser());
        if (info.hasPrincipal()) {
            node.put("principal", info.getPrincipal());
        }
        ArrayNode roles = node.putArray("roles");
        framework.roles().forEach(roles::add);
        ArrayNode suppressed = node.putArray("suppressed_roles");
        framework.suppressedRoles.forEach(suppressed::add);
        ArrayNode capabilities = node.putArray("capabilities");
        info.getCapabilitiesList().forEach(c -> capabilities.add(c.getType().name()));
        node.put("active", active && framework.connected());
        node.put("connected", framework.connected());
        node.put("webui_url", info.getWebuiUrl());
        node.put("hostname", info.getHostname());
        node.put("recovered", false);
        node.put("failover_timeout", info.getFailoverTimeout());
        node.put("checkpoint", info.getCheckpoint());
        node.put("registered_time", framework.registeredMillis / 1000.0);
        node.put("reregistered_time", framework.registeredMillis / 1000.0);
        node.put("unregistered_time", framework.unregisteredMillis / 1000.0);
        if (!framework.hasCapability(FrameworkInfo.Capability.Type.MULTI_ROLE)) {
            node.put("role", framework.roles().get(0));
        }
        node.putArray("unreachable_tasks");
        node.putObject("offer_constraints");
        ResourceVector used = ResourceVector.EMPTY;
        ArrayNode tasks = node.putArray("tasks");
        for (Task task : framework.tasks.values()) {
            tasks.add(task(task));
            if (!task.resourcesRecovered) {
                used = used.plus(task.resources);
            }
        }
        for (Executor executor : framework.executors.values()) {
            used = used.plus(executor.resources);
        }
        ResourceVector offered = ResourceVector.EMPTY;
        ArrayNode offers = node.putArray("offers");
        for (Offer offer : framework.offers.values()) {
            ObjectNode o = offers.addObject();
            o.put("id", offer.id.getValue());
            o.put("agent_id", offer.agent.id.getValue());
            o.put("role", offer.role);
            o.set("resources", amounts(offer.resources.summary()));
            offered = offered.plus(offer.resources);
        }
        node.set("used_resources", amounts(used.summary()));
        node.set("offered_resources", amounts(offered.summary()));
        node.set("resources", amounts(used.plus(offered).summary()));
        ArrayNode executors = node.putArray("executors");
        for (Executor executor : framework.executors.values()) {
            ObjectNode e = executors.addObject();
            e.put("id", executor.id.getValue());
            e.set("resources", amounts(executor.resources.summary()));
        }
        ArrayNode completed = node.putArray("completed_tasks");
        for (Task task : framework.completedTasks) {
            completed.add(task(task));
        }
        return node;
    }

    private static ObjectNode task(Task task) {
        ObjectNode node = JSON.objectNode();
        node.put("id", task.id());
        node.put("name", task.info.getName());
        node.put("framework_id", task.framework.id.getValue());
        node.put("executor_id", task.executorId.getValue());
        node.put("agent_id", task.agent.id.getValue());
        node.put("slave_id", task.agent.id.getValue());
        node.put("state", task.state.name());
        node.put("role", task.role);
        node.set("resources", amounts(task.resources.summary()));
        ObjectNode byReservation = node.putObject("resources_by_reservation");
        if (!task.resources.reservedFor(ResourceVector.UNRESERVED).isEmpty()) {
            byReservation.set(ResourceVector.UNRESERVED, amounts(task.resources.reservedFor(ResourceVector.UNRESERVED).summary()));
        }
        for (String role : task.resources.reservationRoles()) {
            byReservation.set(role, amounts(task.resources.reservedFor(role).summary()));
        }
        node.put("gpu_devices", Master.gpuIndices(task.gpus));
        node.put("sandbox", task.sandbox.toString());
        if (task.info.hasLabels() && task.info.getLabels().getLabelsCount() > 0) {
            // As Mesos writes a task's labels in its state: [{"key": ..., "value": ...}].
            ArrayNode labels = node.putArray("labels");
            task.info.getLabels().getLabelsList().forEach(l -> labels.addObject().put("key", l.getKey())
                    .put("value", l.getValue()));
        }
        if (task.latestStatus != null && task.latestStatus.hasMessage()) {
            node.put("message", task.latestStatus.getMessage());
        }
        ArrayNode statuses = node.putArray("statuses");
        if (task.latestStatus != null) {
            ObjectNode status = statuses.addObject();
            status.put("state", task.latestStatus.getState().name());
            status.put("timestamp", task.latestStatus.getTimestamp());
        }
        return node;
    }

    private static ObjectNode amounts(Map<String, Object> summary) {
        ObjectNode node = JSON.objectNode();
        // Mesos always writes these four, zero or not.
        for (String name : List.of(ResourceNames.CPUS, ResourceNames.DISK, ResourceNames.GPUS, ResourceNames.MEM)) {
            node.put(name, 0.0);
        }
        summary.forEach((name, value) -> {
            if (value instanceof Double) {
                node.put(name, (Double) value);
            } else {
                node.put(name, String.valueOf(value));
            }
        });
        return node;
    }
}
