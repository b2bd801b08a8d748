package dev.gantry.localcluster;

import java.util.HashSet;
import java.util.Set;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * The read-only answers of the v1 operator API ({@code GET_STATE}, {@code GET_AGENTS},
 * {@code GET_FRAMEWORKS}, {@code GET_TASKS}, {@code GET_EXECUTORS}) as Mesos' own
 * {@code master::Response} messages, built on the master thread from one consistent view.
 */
final class OperatorView {
    private OperatorView() {}

    static Response.GetState state(Master master) {
        return Response.GetState.newBuilder()
                .setGetTasks(tasks(master))
                .setGetExecutors(executors(master))
                .setGetFrameworks(frameworks(master))
                .setGetAgents(agents(master))
                .build();
    }

    static Response.GetAgents agents(Master master) {
        Response.GetAgents.Builder out = Response.GetAgents.newBuilder();
        for (Agent agent : master.agents().values()) {
            out.addAgents(Response.GetAgents.Agent.newBuilder()
                    .setAgentInfo(org.apache.mesos.v1.Protos.AgentInfo.newBuilder()
                            .setId(agent.id)
                            .setHostname(agent.hostname)
                            .setPort(agent.url.getAddress().getPort())
                            .addAllResources(agent.total.toProtos(null, true))
                            .addAllAttributes(agent.attributes))
                    .setActive(true)
                    .setDeactivated(false)
                    .setVersion(MesosVersion.VERSION)
                    .setRegisteredTime(time(master.startMillis()))
                    .addAllTotalResources(agent.total.toProtos(null, false))
                    .addAllAllocatedResources(agent.allocated.toProtos(null, false))
                    .addAllOfferedResources(agent.offered.toProtos(null, false)));
        }
        return out.build();
    }

    static Response.GetFrameworks frameworks(Master master) {
        Response.GetFrameworks.Builder out = Response.GetFrameworks.newBuilder();
        for (Framework framework : master.frameworks().values()) {
            out.addFrameworks(framework(framework, true));
        }
        for (Framework framework : master.completedFrameworks().values()) {
            out.addCompletedFrameworks(framework(framework, false));
        }
        return out.build();
    }

    private static Response.GetFrameworks.Framework.Builder framework(Framework framework, boolean registered) {
        Response.GetFrameworks.Framework.Builder out = Response.GetFrameworks.Framework.newBuilder()
                .setFrameworkInfo(framework.info)
                .setActive(registered && framework.connected())
                .setConnected(registered && framework.connected())
                .setRecovered(false)
                .setRegisteredTime(time(framework.registeredMillis))
                .setReregisteredTime(time(framework.registeredMillis));
        if (framework.unregisteredMillis > 0) {
            out.setUnregisteredTime(time(framework.unregisteredMillis));
        }
        for (Offer offer : framework.offers.values()) {
            out.addOffers(org.apache.mesos.v1.Protos.Offer.newBuilder()
                    .setId(offer.id).setFrameworkId(framework.id).setAgentId(offer.agent.id)
                    .setHostname(offer.agent.hostname).setUrl(offer.agent.url)
                    .addAllResources(offer.resources.toProtos(offer.role, false)));
            out.addAllOfferedResources(offer.resources.toProtos(offer.role, false));
        }
        for (Task task : framework.tasks.values()) {
            if (!task.resourcesRecovered) {
                out.addAllAllocatedResources(task.resources.toProtos(task.role, false));
            }
        }
        for (Executor executor : framework.executors.values()) {
            out.addAllAllocatedResources(executor.resources.toProtos(null, false));
        }
        return out;
    }

    static Response.GetTasks tasks(Master master) {
        Response.GetTasks.Builder out = Response.GetTasks.newBuilder();
        for (Framework framework : master.frameworks().values()) {
            for (Task task : framework.tasks.values()) {
                if (task.terminal()) {
                    out.addCompletedTasks(task(task));
                } else {
                    out.addTasks(task(task));
                }
            }
            framework.completedTasks.forEach(task -> out.addCompletedTasks(task(task)));
        }
        for (Framework framework : master.completedFrameworks().values()) {
            framework.completedTasks.forEach(task -> out.addCompletedTasks(task(task)));
        }
        return out.build();
    }

    private static org.apache.mesos.v1.Protos.Task task(Task task) {
        org.apache.mesos.v1.Protos.Task.Builder out = org.apache.mesos.v1.Protos.Task.newBuilder()
                .setName(task.info.getName())
                .setTaskId(task.info.getTaskId())
                .setFrameworkId(task.framework.id)
                .setAgentId(task.agent.id)
                .setState(task.state);
        // Mesos names the executor only for tasks with one of their own, not for command tasks.
        if (task.info.hasExecutor()) {
            out.setExecutorId(task.executorId);
        }
        for (Resource r : task.info.getResourcesList()) {
            out.addResources(r.toBuilder().setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(task.role)));
        }
        if (task.latestStatus != null) {
            out.addStatuses(task.latestStatus);
        }
        if (task.info.hasLabels()) {
            out.setLabels(task.info.getLabels());
        }
        if (task.framework.info.hasUser()) {
            out.setUser(task.framework.info.getUser());
        }
        return out.build();
    }

    /** Executors that frameworks brought themselves; command tasks' built-in executors are not listed. */
    static Response.GetExecutors executors(Master master) {
        Response.GetExecutors.Builder out = Response.GetExecutors.newBuilder();
        Set<String> seen = new HashSet<>();
        for (Framework framework : master.frameworks().values()) {
            for (Task task : framework.tasks.values()) {
                if (!task.info.hasExecutor() || task.terminal()) {
                    continue;
                }
                ExecutorInfo executor = task.info.getExecutor();
                String key = framework.id.getValue() + "/" + task.agent.id.getValue() + "/"
                        + executor.getExecutorId().getValue();
                if (seen.add(key)) {
                    out.addExecutors(Response.GetExecutors.Executor.newBuilder()
                            .setExecutorInfo(executor.hasFrameworkId() ? executor
                                    : executor.toBuilder().setFrameworkId(framework.id).build())
                            .setAgentId(task.agent.id));
                }
            }
        }
        return out.build();
    }

    private static TimeInfo time(long millis) {
        return TimeInfo.newBuilder().setNanoseconds(millis * 1_000_000L).build();
    }
}
