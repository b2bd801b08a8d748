package dev.gantry.localcluster;

import java.util.Optional;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The checks a Mesos master makes on a scheduler call before looking at any state: the call's
 * type has its payload, ids agree, the authenticated principal is the framework's. A failure is
 * answered 400 with "Failed to validate scheduler::Call: " and the message.
 */
final class CallValidation {
    private CallValidation() {}

    static Optional<String> validate(Call call, Optional<String> principal) {
        if (!call.hasType()) {
            return Optional.of("Expecting 'type' to be present");
        }
        if (call.getType() == Call.Type.SUBSCRIBE) {
            if (!call.hasSubscribe()) {
                return Optional.of("Expecting 'subscribe' to be present");
            }
            var info = call.getSubscribe().getFrameworkInfo();
            if (info.hasId() != call.hasFrameworkId()
                    || (info.hasId() && !info.getId().equals(call.getFrameworkId()))) {
                return Optional.of("'framework_id' differs from 'subscribe.framework_info.id'");
            }
            if (principal.isPresent() && info.hasPrincipal() && !principal.get().equals(info.getPrincipal())) {
                return Optional.of("Authenticated principal '" + principal.get() + "' does not match principal '"
                        + info.getPrincipal() + "' set in `FrameworkInfo`");
            }
            return Optional.empty();
        }
        if (!call.hasFrameworkId()) {
            return Optional.of("Expecting 'framework_id' to be present");
        }
        switch (call.getType()) {
            case ACCEPT:
                return require(call.hasAccept(), "accept");
            case DECLINE:
                return require(call.hasDecline(), "decline");
            case ACCEPT_INVERSE_OFFERS:
                return require(call.hasAcceptInverseOffers(), "accept_inverse_offers");
            case DECLINE_INVERSE_OFFERS:
                return require(call.hasDeclineInverseOffers(), "decline_inverse_offers");
            case KILL:
                return require(call.hasKill(), "kill");
            case SHUTDOWN:
                return require(call.hasShutdown(), "shutdown");
            case ACKNOWLEDGE:
                if (!call.hasAcknowledge()) {
                    return require(false, "acknowledge");
                }
                return uuid(call.getAcknowledge().getUuid().size());
            case ACKNOWLEDGE_OPERATION_STATUS:
                if (!call.hasAcknowledgeOperationStatus()) {
                    return require(false, "acknowledge_operation_status");
                }
                if (!call.getAcknowledgeOperationStatus().hasAgentId()) {
                    return Optional.of("Expecting 'agent_id' to be present");
                }
                return uuid(call.getAcknowledgeOperationStatus().getUuid().size());
            case RECONCILE:
                return require(call.hasReconcile(), "reconcile");
            case RECONCILE_OPERATIONS:
                return require(call.hasReconcileOperations(), "reconcile_operations");
            case MESSAGE:
                return require(call.hasMessage(), "message");
            case REQUEST:
                return require(call.hasRequest(), "request");
            case UPDATE_FRAMEWORK:
                if (!call.hasUpdateFramework()) {
                    return require(false, "update_framework");
                }
                if (!call.getFrameworkId().equals(call.getUpdateFramework().getFrameworkInfo().getId())) {
                    return Optional.of("'framework_id' differs from 'update_framework.framework_info.id'");
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private static Optional<String> require(boolean present, String field) {
        return present ? Optional.empty() : Optional.of("Expecting '" + field + "' to be present");
    }

    private static Optional<String> uuid(int bytes) {
        return bytes == 16 ? Optional.empty() : Optional.of("Invalid UUID: expected 16 bytes, got " + bytes);
    }
}
