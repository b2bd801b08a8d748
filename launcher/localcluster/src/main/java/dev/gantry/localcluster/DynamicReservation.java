package dev.gantry.localcluster;

import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;

/**
 * Who made a dynamic reservation and its labels. Resources of the same role reserved with other
 * principals or labels are different resources to Mesos, which a task must name exactly.
 *
 * @param principal null when the reservation names none (an unauthenticated operator may omit it)
 */
record DynamicReservation(String principal, Labels labels) implements Comparable<DynamicReservation> {
    DynamicReservation {
        labels = labels == null ? Labels.getDefaultInstance() : labels;
    }

    /**
     * The dynamic reservation of {@code resource}, or null for unreserved and statically reserved
     * resources. Pre-refinement resources say so with {@code reservation}; refined ones with a
     * DYNAMIC last entry of {@code reservations}.
     */
    // The deprecated field is how Mesos speaks with frameworks without RESERVATION_REFINEMENT.
    @SuppressWarnings("deprecation")
    static DynamicReservation of(Resource resource) {
        if (resource.getReservationsCount() > 0) {
            ReservationInfo last = resource.getReservations(resource.getReservationsCount() - 1);
            return last.getType() == ReservationInfo.Type.DYNAMIC ? from(last) : null;
        }
        return resource.hasReservation() ? from(resource.getReservation()) : null;
    }

    private static DynamicReservation from(ReservationInfo info) {
        return new DynamicReservation(info.hasPrincipal() ? info.getPrincipal() : null,
                info.hasLabels() ? info.getLabels() : null);
    }

    /** The deprecated {@code Resource.reservation}: principal and labels only, as a real master writes it. */
    ReservationInfo preRefinement() {
        ReservationInfo.Builder info = ReservationInfo.newBuilder();
        if (principal != null) {
            info.setPrincipal(principal);
        }
        if (labels.getLabelsCount() > 0) {
            info.setLabels(labels);
        }
        return info.build();
    }

    /** An entry of {@code Resource.reservations}. */
    ReservationInfo refined(String role) {
        return preRefinement().toBuilder().setType(ReservationInfo.Type.DYNAMIC).setRole(role).build();
    }

    /** Mesos' text for the reservation, e.g. {@code DYNAMIC,ml,alice,{k: v}}. */
    String mesosText(String role) {
        StringBuilder out = new StringBuilder("DYNAMIC,").append(role);
        if (principal != null) {
            out.append(',').append(principal);
        }
        if (labels.getLabelsCount() > 0) {
            out.append(",{").append(labels.getLabelsList().stream()
                    .map(l -> l.getKey() + (l.hasValue() ? ": " + l.getValue() : ""))
                    .collect(Collectors.joining(", "))).append('}');
        }
        return out.toString();
    }

    @Override
    public int compareTo(DynamicReservation o) {
        return sortKey().compareTo(o.sortKey());
    }

    private String sortKey() {
        StringBuilder key = new StringBuilder(principal == null ? "0" : "1" + principal);
        for (Label label : labels.getLabelsList()) {
            key.append('\u0000').append(label.getKey()).append('\u0001').append(label.getValue());
        }
        return key.toString();
    }
}
