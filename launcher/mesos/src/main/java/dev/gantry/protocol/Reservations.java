package dev.gantry.protocol;

import org.apache.mesos.v1.Protos.Resource;

/** How Mesos names the role a resource is reserved for, in both of its formats. */
public final class Reservations {
    /** The role of unreserved resources. */
    public static final String UNRESERVED = "*";

    private Reservations() {}

    /**
     * The role {@code resource} is reserved for: the most refined reservation's role
     * ({@code reservations}, Mesos 1.4+), else the legacy {@code role} field, else unreserved.
     */
    // The legacy field is deprecated but still what Mesos speaks with frameworks that do not
    // declare RESERVATION_REFINEMENT, so both sides of the protocol must read it.
    @SuppressWarnings("deprecation")
    public static String roleOf(Resource resource) {
        if (resource.getReservationsCount() > 0) {
            return resource.getReservations(resource.getReservationsCount() - 1).getRole();
        }
        if (resource.hasRole() && !resource.getRole().isEmpty()) {
            return resource.getRole();
        }
        return UNRESERVED;
    }
}
