package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

/** RESERVE and UNRESERVE on offered resources, with the messages a real master gave for the same operations. */
class ReservationOperationTest {
    private static final ResourceVector OFFERED = ResourceVector.scalar("cpus", "*", 1.5)
            .plus(ResourceVector.scalar("mem", "*", 960));

    @SuppressWarnings("deprecation")
    private static Resource dynamic(String name, double amount, String role, String principal, String label) {
        Resource.ReservationInfo.Builder reservation = Resource.ReservationInfo.newBuilder().setPrincipal(principal);
        if (label != null) {
            reservation.setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("k").setValue(label)));
        }
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(amount)).setRole(role).setReservation(reservation).build();
    }

    @SuppressWarnings("deprecation")
    private static Resource bareRole(String name, double amount, String role) {
        return dynamic(name, amount, role, "x", null).toBuilder().clearReservation().build();
    }

    @Test
    void reserveTurnsUnreservedResourcesIntoTheReservationAndUnreserveBack() {
        List<Resource> cpus = List.of(dynamic("cpus", 0.5, "ml", "alice", "v"));
        ReservationOperation.Outcome reserved = ReservationOperation.reserve(cpus, Optional.of("alice"), "ml", OFFERED);
        assertThat(reserved.done()).as(reserved.message()).isTrue();
        assertThat(reserved.after().mesosText("ml")).isEqualTo("cpus(allocated: ml):1; "
                + "cpus(allocated: ml)(reservations: [(DYNAMIC,ml,alice,{k: v})]):0.5; mem(allocated: ml):960");
        // Without the labels it is another reservation, which the offer does not hold.
        ReservationOperation.Outcome unlabelled = ReservationOperation.unreserve(
                List.of(dynamic("cpus", 0.5, "ml", "alice", null)), "ml", reserved.after());
        assertThat(unlabelled.verdict()).isEqualTo(ReservationOperation.Verdict.CONFLICT);
        assertThat(unlabelled.message()).endsWith(" does not contain cpus(allocated: ml)(reservations: [(DYNAMIC,ml,alice)]):0.5");
        ReservationOperation.Outcome unreserved = ReservationOperation.unreserve(cpus, "ml", reserved.after());
        assertThat(unreserved.after()).isEqualTo(OFFERED);
    }

    @Test
    void aReservationMustCarryTheAskersPrincipalAndTheOffersRole() {
        ReservationOperation.Outcome foreign = ReservationOperation.reserve(
                List.of(dynamic("cpus", 0.5, "ml", "mallory", null)), Optional.of("alice"), "ml", OFFERED);
        assertThat(foreign.verdict()).isEqualTo(ReservationOperation.Verdict.INVALID_OPERATION);
        assertThat(foreign.message()).isEqualTo("A reserve operation was attempted by authenticated principal 'alice',"
                + " which does not match a reserved resource in the request with principal 'mallory'");
        ReservationOperation.Outcome otherRole = ReservationOperation.reserve(
                List.of(dynamic("cpus", 0.5, "zzz", "alice", null)), Optional.of("alice"), "ml", OFFERED);
        assertThat(otherRole.message()).isEqualTo("A reserve operation was attempted for a resource with role 'zzz',"
                + " but the resource was allocated to role 'ml'");
    }

    @Test
    void onlyDynamicReservationsOfARealRoleAndWithinTheOfferAreMade() {
        assertThat(ReservationOperation.reserve(List.of(bareRole("mem", 64, "ml")), Optional.empty(), null, OFFERED)
                .message()).isEqualTo("Resource mem(reservations: [(STATIC,ml)]):64 is not dynamically reserved");
        ReservationOperation.Outcome star = ReservationOperation.reserve(List.of(dynamic("cpus", 0.1, "*", "a", null)),
                Optional.empty(), null, OFFERED);
        assertThat(star.verdict()).isEqualTo(ReservationOperation.Verdict.INVALID_CALL);
        assertThat(star.message()).isEqualTo("Resource 'cpus:0.1' is invalid: Invalid reservation: role \"*\" cannot be"
                + " dynamically reserved");
        ReservationOperation.Outcome tooMuch = ReservationOperation.reserve(List.of(dynamic("cpus", 7, "ml", "a", null)),
                Optional.of("a"), "ml", OFFERED);
        assertThat(tooMuch.verdict()).isEqualTo(ReservationOperation.Verdict.CONFLICT);
        assertThat(tooMuch.message()).isEqualTo("cpus(allocated: ml):1.5; mem(allocated: ml):960 does not contain"
                + " cpus(allocated: ml):7");
        assertThat(ReservationOperation.unreserve(List.of(bareRole("cpus", 0.5, "ml")), null, OFFERED).message())
                .isEqualTo("Resource cpus(reservations: [(STATIC,ml)]):0.5 is not dynamically reserved");
    }

    @Test
    @SuppressWarnings("deprecation")
    void dynamicReservationsKeepTheirPrincipalAndLabelsInBothFormats() {
        ResourceVector reserved = ResourceVector.of(List.of(dynamic("cpus", 0.5, "ml", "alice", "v")));
        Resource preRefinement = reserved.toProtos("ml", false).get(0);
        assertThat(preRefinement.getRole()).isEqualTo("ml");
        assertThat(preRefinement.getReservation().getPrincipal()).isEqualTo("alice");
        assertThat(preRefinement.getReservation().hasType()).isFalse();
        assertThat(preRefinement.getReservation().hasRole()).isFalse();
        Resource refined = reserved.toProtos("ml", true).get(0);
        assertThat(refined.getReservations(0).getType()).isEqualTo(Resource.ReservationInfo.Type.DYNAMIC);
        assertThat(refined.getReservations(0).getLabels().getLabels(0).getValue()).isEqualTo("v");
        assertThat(ResourceVector.of(List.of(refined))).isEqualTo(reserved);
        // A static reservation of the same role is a different resource.
        assertThat(reserved.contains(ResourceVector.scalar("cpus", "ml", 0.5))).isFalse();
    }
}
