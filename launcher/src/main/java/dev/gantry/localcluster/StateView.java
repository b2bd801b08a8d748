package dev.gantry.localcluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * A read-only snapshot of the cluster in the spirit of Mesos' {@code /master/state}, taken on
 * the master thread. Field names follow Mesos' except that agents are "agents" and
 * "agent_id". The agents are listed a second time under Mesos' own key "slaves" (and their
 * count under "activated_slaves"), so that tools written for a real master read this one too.
 * Task environments and secrets are never included.
 */
public final class StateView {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

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
        root.put("version", MesosVersion.VERSION);
        root.put("embedded", true);
        root.put("id", master.id());
        root.put("pid", "master@" + master.masterInfo().getAddress().getIp() + ":" + master.masterInfo().getPort());
        root.put("hostname", master.masterInfo().getHostname());
        root.put("start_time", master.startMillis() / 1000.0);
        root.put("leader", "master@" + master.masterInfo().getAddress().getIp() + ":" + master.masterInfo().getPort());
        root.put("activated_agents", master.agents().size());
        root.put("activated_slaves", master.agents().size());
        ArrayNode agents = root.putArray("agents");
        for (Agent agent : master.agents().values()) {
            agents.add(agent(agent));
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
        return new StateView(root);
    }

    private static ObjectNode agent(Agent agent) {
        ObjectNode node = JSON.objectNode();
        node.put("id", agent.id.getValue());
        node.put("hostname", agent.hostname);
        node.put("active", true);
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
        node.put("failover_timeout", info.getFailoverTimeout());
        node.put("checkpoint", info.getCheckpoint());
        node.put("registered_time", framework.registeredMillis / 1000.0);
        if (framework.unregisteredMillis > 0) {
            node.put("unregistered_time", framework.unregisteredMillis / 1000.0);
        }
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
        if (task.latestStatus != null && task.latestStatus.hasMessage()) {
            node.put("message", task.latestStatus.getMessage());
        }
        return node;
    }

    private static ObjectNode amounts(Map<String, Object> summary) {
        ObjectNode node = JSON.objectNode();
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
