package dev.gantry.localcluster;

import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Resource;

/**
 * Mesos' RESERVE and UNRESERVE for resources in the pre-refinement format ({@code role} plus
 * {@code reservation}): its checks and messages, then the conversion between unreserved and
 * dynamically reserved resources. The same rules serve a framework's ACCEPT (applied to its
 * offers) and the operator API (applied to an agent's unused resources).
 */
final class ReservationOperation {
    /** What a real master answers for each outcome on the operator API. */
    enum Verdict {
        /** The call itself is malformed: 400, "Failed to validate master::Call". */
        INVALID_CALL,
        /** The operation breaks a reservation rule: 400 on the operator API. */
        INVALID_OPERATION,
        /** The resources are not there to convert: 409 on the operator API. */
        CONFLICT,
        DONE
    }

    /** An outcome: the resources afterwards when {@link Verdict#DONE}, else Mesos' message. */
    record Outcome(Verdict verdict, String message, ResourceVector after) {
        static Outcome fail(Verdict verdict, String message) {
            return new Outcome(verdict, message, null);
        }

        boolean done() {
            return verdict == Verdict.DONE;
        }
    }

    private ReservationOperation() {}

    /**
     * Converts unreserved resources in {@code from} into the reservations {@code resources} name.
     *
     * @param principal the authenticated principal asking, which every reservation must name
     * @param allocationRole the offer's role for a framework's RESERVE, null for the operator's
     */
    static Outcome reserve(List<Resource> resources, Optional<String> principal, String allocationRole,
                           ResourceVector from) {
        Optional<String> invalid = ResourceValidation.validate(resources);
        if (invalid.isPresent()) {
            return Outcome.fail(Verdict.INVALID_CALL, invalid.get());
        }
        ResourceVector reserved = ResourceVector.of(resources);
        if (reserved.anyForUnreservedRole()) {
            return Outcome.fail(Verdict.INVALID_CALL, "Resource '" + reserved.unreserved().mesosText(null)
                    + "' is invalid: Invalid reservation: role \"*\" cannot be dynamically reserved");
        }
        if (!reserved.allDynamicallyReserved()) {
            return notDynamic(reserved, allocationRole);
        }
        for (DynamicReservation reservation : reserved.dynamicReservations()) {
            if (principal.isPresent() && reservation.principal() != null
                    && !reservation.principal().equals(principal.get())) {
                return Outcome.fail(Verdict.INVALID_OPERATION, "A reserve operation was attempted by authenticated"
                        + " principal '" + principal.get() + "', which does not match a reserved resource in the"
                        + " request with principal '" + reservation.principal() + "'");
            }
        }
        if (allocationRole != null) {
            for (String role : reserved.reservationRoles()) {
                if (!role.equals(allocationRole)) {
                    return Outcome.fail(Verdict.INVALID_OPERATION, "A reserve operation was attempted for a resource"
                            + " with role '" + role + "', but the resource was allocated to role '"
                            + allocationRole + "'");
                }
            }
        }
        ResourceVector taken = reserved.unreserved();
        if (!from.contains(taken)) {
            return Outcome.fail(Verdict.CONFLICT, from.mesosText(allocationRole) + " does not contain "
                    + taken.mesosText(allocationRole));
        }
        return new Outcome(Verdict.DONE, "", from.minus(taken).plus(reserved));
    }

    /** Converts the dynamic reservations {@code resources} name, all in {@code from}, back to unreserved. */
    static Outcome unreserve(List<Resource> resources, String allocationRole, ResourceVector from) {
        Optional<String> invalid = ResourceValidation.validate(resources);
        if (invalid.isPresent()) {
            return Outcome.fail(Verdict.INVALID_CALL, invalid.get());
        }
        ResourceVector reserved = ResourceVector.of(resources);
        if (!reserved.allDynamicallyReserved()) {
            return notDynamic(reserved, allocationRole);
        }
        if (!from.contains(reserved)) {
            return Outcome.fail(Verdict.CONFLICT, from.mesosText(allocationRole) + " does not contain "
                    + reserved.mesosText(allocationRole));
        }
        return new Outcome(Verdict.DONE, "", from.minus(reserved).plus(reserved.unreserved()));
    }

    // Mesos reads a role without a reservation as a static reservation, and names it so.
    private static Outcome notDynamic(ResourceVector reserved, String allocationRole) {
        return Outcome.fail(Verdict.INVALID_OPERATION, "Resource "
                + reserved.notDynamicallyReserved().mesosText(allocationRole) + " is not dynamically reserved");
    }
}
