package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.offers.OfferPool;
import dev.gantry.placement.ExecutorAllocation;
import dev.gantry.placement.ResourceSlice;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

// Offers to a framework without RESERVATION_REFINEMENT carry the deprecated role and reservation fields.
@SuppressWarnings("deprecation")
class OfferPoolTest {
    private static final AgentID AGENT = AgentID.newBuilder().setValue("S1").build();

    private static Resource scalar(String name, double amount, String role) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(amount)).setRole(role)
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("ml")).build();
    }

    /** A dynamic reservation as Mesos offers it to a framework without RESERVATION_REFINEMENT. */
    private static Resource reserved(String name, double amount, String principal, String label) {
        Resource.ReservationInfo.Builder reservation = Resource.ReservationInfo.newBuilder().setPrincipal(principal);
        if (label != null) {
            reservation.setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("team").setValue(label)));
        }
        return scalar(name, amount, "ml").toBuilder().setReservation(reservation).build();
    }

    private static Offer offer(String id, Resource... resources) {
        return Offer.newBuilder().setId(OfferID.newBuilder().setValue(id)).setAgentId(AGENT).setHostname("node-1")
                .setFrameworkId(FrameworkID.newBuilder().setValue("f-1")).addAllResources(List.of(resources)).build();
    }

    private static TaskInfo task(String id, OfferPool pool, ResourceSlice... slices) {
        ExecutorLaunch launch = new ExecutorLaunch(id, AGENT, "node-1", "ml",
                new ExecutorAllocation(List.of(slices)), pool);
        return new ExecutorTaskBuilder(List.of(new BasicsStep("train"), new ResourcesStep())).build(launch);
    }

    @Test
    void dynamicallyReservedResourcesAreEchoedWithTheirReservationAndSplitAcrossEntries() {
        Resource cpusOfAlice = reserved("cpus", 1, "alice", null);
        Resource cpusOfBob = reserved("cpus", 3, "bob", "vision");
        Resource memOfAlice = reserved("mem", 4096, "alice", null);
        Resource gpuOfAlice = reserved("gpus", 1, "alice", null);
        Resource unreservedCpus = scalar("cpus", 4, "*");
        OfferPool pool = OfferPool.of(List.of(offer("o-1", cpusOfAlice, unreservedCpus, memOfAlice),
                offer("o-2", cpusOfBob, gpuOfAlice)));

        TaskInfo task = task("1", pool, new ResourceSlice("cpus", "ml", false, 2),
                new ResourceSlice("mem", "ml", false, 2048.5), new ResourceSlice("gpus", "ml", false, 1),
                new ResourceSlice("cpus", "*", false, 0.5));

        assertThat(task.getResourcesList()).containsExactly(
                cpusOfAlice,
                withAmount(cpusOfBob, 1),
                withAmount(memOfAlice, 2048.5),
                gpuOfAlice,
                withAmount(unreservedCpus, 0.5));
    }

    @Test
    void theExecutorsOfOneAcceptTakeWhatTheOnesBeforeThemLeft() {
        Resource cpusOfAlice = reserved("cpus", 1.5, "alice", null);
        Resource cpusOfBob = reserved("cpus", 1.5, "bob", null);
        OfferPool pool = OfferPool.of(List.of(offer("o-1", cpusOfAlice, cpusOfBob)));

        TaskInfo first = task("1", pool, new ResourceSlice("cpus", "ml", false, 1));
        TaskInfo second = task("2", pool, new ResourceSlice("cpus", "ml", false, 2));

        assertThat(first.getResourcesList()).containsExactly(withAmount(cpusOfAlice, 1));
        assertThat(second.getResourcesList()).containsExactly(withAmount(cpusOfAlice, 0.5), cpusOfBob);
    }

    @Test
    void refinedReservationsAndRevocabilityAreMatchedAndKeptAsOffered() {
        Resource refined = Resource.newBuilder().setName("gpus").setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(2))
                .addReservations(Resource.ReservationInfo.newBuilder().setType(Resource.ReservationInfo.Type.DYNAMIC)
                        .setRole("ml").setPrincipal("alice"))
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("ml")).build();
        Resource revocable = scalar("cpus", 2, "*").toBuilder()
                .setRevocable(Resource.RevocableInfo.getDefaultInstance()).build();
        Resource unreserved = scalar("cpus", 2, "*");
        OfferPool pool = OfferPool.of(List.of(offer("o-1", unreserved, revocable, refined)));

        TaskInfo task = task("1", pool, new ResourceSlice("gpus", "ml", false, 1),
                new ResourceSlice("cpus", "*", true, 1));

        assertThat(task.getResourcesList()).containsExactly(withAmount(refined, 1), withAmount(revocable, 1));
    }

    @Test
    void withoutOffersASliceIsItsRoleAlone() {
        TaskInfo task = task("1", OfferPool.none(), new ResourceSlice("cpus", "ml", false, 2));

        Resource resource = task.getResources(0);
        assertThat(resource.getRole()).isEqualTo("ml");
        assertThat(resource.hasReservation()).isFalse();
        assertThat(resource.getScalar().getValue()).isEqualTo(2);
        assertThat(resource.getAllocationInfo().getRole()).isEqualTo("ml");
    }

    private static Resource withAmount(Resource resource, double amount) {
        return resource.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(amount)).build();
    }
}
