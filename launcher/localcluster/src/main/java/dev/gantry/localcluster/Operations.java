package dev.gantry.localcluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations on agents' resources, as Mesos' master applies them ({@code Master::accept} and
 * {@code _accept}, with the offer rules of {@code master/validation.cpp}; the operator API's
 * reservations). An ACCEPT's offers are validated first: on failure they are taken back and every
 * task in it is reported lost (dropped, for a partition-aware framework). Then LAUNCH, LAUNCH_GROUP
 * ({@link TaskLauncher}), RESERVE and UNRESERVE run in order on what the offers still hold, and
 * what is left is declined with the ACCEPT's filters. Runs on the master's thread.
 */
final class Operations {
    // Log lines keep the master's name, as before the master was split into parts.
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);

    private final Master master;

    Operations(Master master) {
        this.master = master;
    }

    void accept(Framework framework, Call.Accept accept) {
        Allocator allocator = master.allocator;
        Optional<String> invalid = validateOffers(framework, accept.getOfferIdsList());
        if (invalid.isPresent()) {
            for (OfferID id : accept.getOfferIdsList()) {
                Offer offer = allocator.offer(id);
                if (offer != null && offer.framework == framework) {
                    allocator.removeOffer(offer);
                }
            }
            TaskState state = framework.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
            for (org.apache.mesos.v1.Protos.Offer.Operation operation : accept.getOperationsList()) {
                for (TaskInfo task : tasksOf(operation)) {
                    framework.send(MasterEvents.update(MasterEvents.masterStatus(task.getTaskId(), task.getAgentId(),
                            state, "Task launched with invalid offers: " + invalid.get(),
                            TaskStatus.Reason.REASON_INVALID_OFFERS)));
                }
            }
            allocator.requestAllocation();
            return;
        }
        Agent agent = null;
        String role = null;
        ResourceVector remaining = ResourceVector.EMPTY;
        for (OfferID id : accept.getOfferIdsList()) {
            Offer offer = allocator.offer(id);
            agent = offer.agent;
            role = offer.role;
            remaining = remaining.plus(offer.resources);
            allocator.removeOffer(offer);
        }
        Set<String> launchedIds = new HashSet<>();
        for (org.apache.mesos.v1.Protos.Offer.Operation operation : accept.getOperationsList()) {
            switch (operation.getType()) {
                case LAUNCH:
                    for (TaskInfo task : operation.getLaunch().getTaskInfosList()) {
                        remaining = master.launcher.launchOrReject(framework, agent, role, task, remaining, null,
                                launchedIds);
                    }
                    break;
                case LAUNCH_GROUP:
                    remaining = master.launcher.launchGroup(framework, agent, role, operation.getLaunchGroup(),
                            remaining, launchedIds);
                    break;
                case RESERVE:
                case UNRESERVE:
                    remaining = convert(framework, agent, role, operation, remaining);
                    break;
                default:
                    LOG.warn("{} asked for operation {}, which the embedded cluster does not support",
                            framework.name(), operation.getType());
                    if (operation.hasId()) {
                        framework.send(MasterEvents.operationUpdate(OperationStatus.newBuilder()
                                .setOperationId(operation.getId())
                                .setState(OperationState.OPERATION_ERROR)
                                .setMessage("Operation " + operation.getType()
                                        + " is not supported by the embedded cluster")));
                    }
            }
        }
        // Unused offered resources are declined with the ACCEPT's filters.
        allocator.refuseFor(framework, agent, role, remaining, accept.getFilters());
        allocator.requestAllocation();
    }

    /**
     * A framework's RESERVE or UNRESERVE on the offered {@code remaining}: later operations of the
     * same ACCEPT see the converted resources, and so does every later offer of the agent. As in
     * Mesos, an invalid one is dropped, with an OPERATION_ERROR only when it asked for feedback.
     */
    private ResourceVector convert(Framework framework, Agent agent, String role,
                                   org.apache.mesos.v1.Protos.Offer.Operation operation, ResourceVector remaining) {
        Optional<String> principal = framework.info.hasPrincipal()
                ? Optional.of(framework.info.getPrincipal()) : Optional.empty();
        ReservationOperation.Outcome outcome = operation.getType() == org.apache.mesos.v1.Protos.Offer.Operation.Type.RESERVE
                ? ReservationOperation.reserve(operation.getReserve().getResourcesList(), principal, role, remaining)
                : ReservationOperation.unreserve(operation.getUnreserve().getResourcesList(), role, remaining);
        if (!outcome.done()) {
            String message = outcome.message() + "; on " + agent.describe();
            LOG.warn("Dropping {} operation from {}: {}", operation.getType(), framework.name(), message);
            if (operation.hasId()) {
                framework.send(MasterEvents.operationUpdate(OperationStatus.newBuilder()
                        .setOperationId(operation.getId())
                        .setState(OperationState.OPERATION_ERROR).setMessage(message)));
            }
            return remaining;
        }
        agent.total = agent.total.minus(remaining).plus(outcome.after());
        LOG.info("{} of {} on {}: {}", operation.getType(), framework.name(), agent.id.getValue(), outcome.after());
        if (operation.hasId()) {
            // Mesos applies these on the master at once and reports them finished, with a uuid to acknowledge.
            framework.send(MasterEvents.operationUpdate(OperationStatus.newBuilder().setOperationId(operation.getId())
                    .setState(OperationState.OPERATION_FINISHED).setAgentId(agent.id)
                    .setUuid(org.apache.mesos.v1.Protos.UUID.newBuilder().setValue(MasterEvents.randomUuid()))));
        }
        return outcome.after();
    }

    /**
     * The operator API's RESERVE_RESOURCES and UNRESERVE_RESOURCES on an agent's resources that no
     * task uses; offers holding what is needed are rescinded first, as Mesos does.
     *
     * @param principal the authenticated operator, whose name every new reservation must carry
     */
    CallResult operatorReservation(boolean reserve, AgentID agentId, List<Resource> resources,
                                   Optional<String> principal) {
        Agent agent = master.agents().get(agentId.getValue());
        if (agent == null) {
            return CallResult.badRequest("No agent found with specified ID");
        }
        ReservationOperation.Outcome outcome = tryOperator(reserve, agent, resources, principal);
        if (outcome.verdict() == ReservationOperation.Verdict.CONFLICT) {
            for (Offer offer : new ArrayList<>(master.allocator.offers())) {
                if (offer.agent == agent) {
                    master.allocator.rescind(offer);
                }
            }
            outcome = tryOperator(reserve, agent, resources, principal);
        }
        switch (outcome.verdict()) {
            case DONE:
                agent.total = agent.total.minus(agent.available()).plus(outcome.after());
                LOG.info("{} by an operator on {}: {}", reserve ? "RESERVE" : "UNRESERVE", agent.id.getValue(),
                        ResourceVector.of(resources));
                master.allocator.requestAllocation();
                return CallResult.ACCEPTED;
            case CONFLICT:
                master.allocator.requestAllocation();
                return new CallResult(409, outcome.message());
            case INVALID_CALL:
                return CallResult.badRequest("Failed to validate master::Call: " + outcome.message());
            default:
                return CallResult.badRequest(reserve
                        ? "Invalid RESERVE operation on " + agent.describe() + ": " + outcome.message()
                        : "Invalid UNRESERVE operation: " + outcome.message());
        }
    }

    private static ReservationOperation.Outcome tryOperator(boolean reserve, Agent agent, List<Resource> resources,
                                                            Optional<String> principal) {
        return reserve ? ReservationOperation.reserve(resources, principal, null, agent.available())
                : ReservationOperation.unreserve(resources, null, agent.available());
    }

    /** Mesos' offer rules for an ACCEPT: some offers, each once, all outstanding, the framework's, one agent, one role. */
    private Optional<String> validateOffers(Framework framework, List<OfferID> ids) {
        if (ids.isEmpty()) {
            return Optional.of("No offers specified");
        }
        Set<String> seen = new HashSet<>();
        Agent agent = null;
        String role = null;
        for (OfferID id : ids) {
            if (!seen.add(id.getValue())) {
                return Optional.of("Duplicate offer " + id.getValue() + " in offers");
            }
            Offer offer = master.allocator.offer(id);
            if (offer == null) {
                return Optional.of("Offer " + id.getValue() + " is no longer valid");
            }
            if (offer.framework != framework) {
                return Optional.of("Offer " + id.getValue() + " has invalid framework");
            }
            if (agent != null && offer.agent != agent) {
                return Optional.of("Aggregated offers must belong to one single agent");
            }
            if (role != null && !offer.role.equals(role)) {
                return Optional.of("Aggregated offers must be allocated to the same role");
            }
            agent = offer.agent;
            role = offer.role;
        }
        return Optional.empty();
    }

    private static List<TaskInfo> tasksOf(org.apache.mesos.v1.Protos.Offer.Operation operation) {
        switch (operation.getType()) {
            case LAUNCH:
                return operation.getLaunch().getTaskInfosList();
            case LAUNCH_GROUP:
                return operation.getLaunchGroup().getTaskGroup().getTasksList();
            default:
                return List.of();
        }
    }
}
