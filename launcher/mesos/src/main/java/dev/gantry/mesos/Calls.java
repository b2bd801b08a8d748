package dev.gantry.mesos;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.protobuf.ByteString;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;

/** The {@code mesos.v1.scheduler.Call} messages of the scheduler API, built from their parts. */
final class Calls {
    private Calls() {}

    /**
     * SUBSCRIBE. A resubscribe names the framework twice, in {@code framework_info.id} and in the
     * call's {@code framework_id}: the master refuses the call when they differ, and registers a
     * new framework when they are missing.
     */
    static Call subscribe(FrameworkInfo info, Optional<FrameworkID> frameworkId, Collection<String> suppressedRoles) {
        FrameworkInfo.Builder framework = info.toBuilder();
        Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE);
        frameworkId.ifPresent(id -> {
            framework.setId(id);
            call.setFrameworkId(id);
        });
        return call.setSubscribe(Call.Subscribe.newBuilder()
                        .setFrameworkInfo(framework)
                        .addAllSuppressedRoles(suppressedRoles))
                .build();
    }

    static Call teardown(FrameworkID frameworkId) {
        return base(frameworkId, Call.Type.TEARDOWN).build();
    }

    static Call accept(FrameworkID frameworkId, List<OfferID> offerIds, List<Offer.Operation> operations,
                       Filters filters) {
        Call.Accept.Builder accept = Call.Accept.newBuilder().addAllOfferIds(offerIds).addAllOperations(operations);
        if (filters != null) {
            accept.setFilters(filters);
        }
        return base(frameworkId, Call.Type.ACCEPT).setAccept(accept).build();
    }

    static Offer.Operation launch(List<TaskInfo> tasks) {
        return Offer.Operation.newBuilder()
                .setType(Offer.Operation.Type.LAUNCH)
                .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(tasks))
                .build();
    }

    static Offer.Operation launchGroup(ExecutorInfo executor, TaskGroupInfo taskGroup) {
        return Offer.Operation.newBuilder()
                .setType(Offer.Operation.Type.LAUNCH_GROUP)
                .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder().setExecutor(executor).setTaskGroup(taskGroup))
                .build();
    }

    static Call decline(FrameworkID frameworkId, List<OfferID> offerIds, Filters filters) {
        Call.Decline.Builder decline = Call.Decline.newBuilder().addAllOfferIds(offerIds);
        if (filters != null) {
            decline.setFilters(filters);
        }
        return base(frameworkId, Call.Type.DECLINE).setDecline(decline).build();
    }

    /** REVIVE; no roles means all of the framework's roles. */
    static Call revive(FrameworkID frameworkId, Collection<String> roles) {
        return base(frameworkId, Call.Type.REVIVE).setRevive(Call.Revive.newBuilder().addAllRoles(roles)).build();
    }

    /** SUPPRESS; no roles means all of the framework's roles. */
    static Call suppress(FrameworkID frameworkId, Collection<String> roles) {
        return base(frameworkId, Call.Type.SUPPRESS).setSuppress(Call.Suppress.newBuilder().addAllRoles(roles)).build();
    }

    static Call kill(FrameworkID frameworkId, TaskID taskId, AgentID agentId, KillPolicy killPolicy) {
        Call.Kill.Builder kill = Call.Kill.newBuilder().setTaskId(taskId);
        if (agentId != null) {
            kill.setAgentId(agentId);
        }
        if (killPolicy != null) {
            kill.setKillPolicy(killPolicy);
        }
        return base(frameworkId, Call.Type.KILL).setKill(kill).build();
    }

    static Call shutdown(FrameworkID frameworkId, ExecutorID executorId, AgentID agentId) {
        return base(frameworkId, Call.Type.SHUTDOWN)
                .setShutdown(Call.Shutdown.newBuilder().setExecutorId(executorId).setAgentId(agentId))
                .build();
    }

    static Call acknowledge(FrameworkID frameworkId, AgentID agentId, TaskID taskId, ByteString uuid) {
        return base(frameworkId, Call.Type.ACKNOWLEDGE)
                .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(agentId).setTaskId(taskId).setUuid(uuid))
                .build();
    }

    /** RECONCILE; no tasks asks for implicit reconciliation (the master sends every task it knows). */
    static Call reconcile(FrameworkID frameworkId, List<Call.Reconcile.Task> tasks) {
        return base(frameworkId, Call.Type.RECONCILE)
                .setReconcile(Call.Reconcile.newBuilder().addAllTasks(tasks))
                .build();
    }

    static Call message(FrameworkID frameworkId, AgentID agentId, ExecutorID executorId, byte[] data) {
        return base(frameworkId, Call.Type.MESSAGE)
                .setMessage(Call.Message.newBuilder()
                        .setAgentId(agentId)
                        .setExecutorId(executorId)
                        .setData(ByteString.copyFrom(data)))
                .build();
    }

    static Call request(FrameworkID frameworkId, List<org.apache.mesos.v1.Protos.Request> requests) {
        return base(frameworkId, Call.Type.REQUEST)
                .setRequest(Call.Request.newBuilder().addAllRequests(requests))
                .build();
    }

    static Call updateFramework(FrameworkID frameworkId, FrameworkInfo info, Collection<String> suppressedRoles) {
        return base(frameworkId, Call.Type.UPDATE_FRAMEWORK)
                .setUpdateFramework(Call.UpdateFramework.newBuilder()
                        .setFrameworkInfo(info.toBuilder().setId(frameworkId))
                        .addAllSuppressedRoles(suppressedRoles))
                .build();
    }

    private static Call.Builder base(FrameworkID frameworkId, Call.Type type) {
        return Call.newBuilder().setFrameworkId(frameworkId).setType(type);
    }
}
