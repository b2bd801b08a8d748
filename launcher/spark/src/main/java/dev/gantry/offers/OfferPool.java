package dev.gantry.offers;

import dev.gantry.placement.ExecutorAllocation;
import dev.gantry.placement.ResourceSlice;
import dev.gantry.protocol.Reservations;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is left of the offers one ACCEPT uses, while the tasks launched with it take their resources
 * slice by slice. A task must echo each offered resource as offered: a dynamically reserved one
 * with its {@code reservation} (or {@code reservations}), or Mesos reads the bare role as a static
 * reservation and fails the task with "... is more than available ...". Placement sees only a role
 * per slice, so a slice may span several offered entries of that role (one per reservation
 * principal or label set); it is split across them here.
 *
 * <p>Amounts are kept in thousandths, Mesos' own fixed point for scalars, so that splitting
 * leaves no float dust behind. Not thread-safe: one ACCEPT's tasks are built on one thread.
 */
public final class OfferPool {
    private static final Logger LOG = LoggerFactory.getLogger(OfferPool.class);
    private static final OfferPool NONE = new OfferPool(List.of());

    /** One offered scalar resource and how much of it no task has taken yet. */
    private static final class Entry {
        final Resource offered;
        long leftMillis;

        Entry(Resource offered) {
            this.offered = offered;
            this.leftMillis = millis(offered.getScalar().getValue());
        }
    }

    private final List<Entry> entries;

    private OfferPool(List<Entry> entries) {
        this.entries = entries;
    }

    /** The scalar resources of {@code offers}, all from one agent, in the order offered. */
    public static OfferPool of(List<Offer> offers) {
        List<Entry> entries = new ArrayList<>();
        for (Offer offer : offers) {
            for (Resource resource : offer.getResourcesList()) {
                if (resource.getType() == Value.Type.SCALAR && resource.hasScalar()) {
                    entries.add(new Entry(resource));
                }
            }
        }
        return new OfferPool(entries);
    }

    /** No offers known: every slice becomes a resource in its role alone, right for unreserved and static reservations only. */
    public static OfferPool none() {
        return NONE;
    }

    /**
     * One task's resources: every slice of {@code allocation} taken from the offers as {@link
     * #take(ResourceSlice)} does, allocated to {@code role}, the role of the offers the ACCEPT uses.
     */
    public List<Resource> take(ExecutorAllocation allocation, String role) {
        Resource.AllocationInfo allocated = Resource.AllocationInfo.newBuilder().setRole(role).build();
        List<Resource> resources = new ArrayList<>();
        for (ResourceSlice slice : allocation.slices()) {
            for (Resource resource : take(slice)) {
                resources.add(resource.toBuilder().setAllocationInfo(allocated).build());
            }
        }
        return resources;
    }

    /**
     * Takes {@code slice} from the offered resources of the same name, reservation role and
     * revocability, copying each one's reservation fields; what they cannot cover (never, for a
     * slice placement cut from these offers) is listed in the slice's role alone.
     */
    public List<Resource> take(ResourceSlice slice) {
        List<Resource> taken = new ArrayList<>();
        long wanted = millis(slice.amount());
        for (Entry entry : entries) {
            if (wanted == 0) {
                break;
            }
            if (entry.leftMillis == 0 || !matches(entry.offered, slice)) {
                continue;
            }
            long part = Math.min(wanted, entry.leftMillis);
            entry.leftMillis -= part;
            wanted -= part;
            taken.add(entry.offered.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(part / 1000.0)).build());
        }
        if (wanted > 0) {
            if (this != NONE) {
                LOG.warn("the offers hold {} less {} in role {} than placement gave an executor; asking for it"
                        + " without a reservation", wanted / 1000.0, slice.name(), slice.reservationRole());
            }
            taken.add(bare(slice, wanted));
        }
        return taken;
    }

    private static boolean matches(Resource offered, ResourceSlice slice) {
        return offered.getName().equals(slice.name())
                && Reservations.roleOf(offered).equals(slice.reservationRole())
                && offered.hasRevocable() == slice.revocable();
    }

    // The legacy role field is what Mesos reads for frameworks without RESERVATION_REFINEMENT.
    @SuppressWarnings("deprecation")
    private static Resource bare(ResourceSlice slice, long amountMillis) {
        Resource.Builder resource = Resource.newBuilder()
                .setName(slice.name())
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(amountMillis / 1000.0))
                .setRole(slice.reservationRole());
        if (slice.revocable()) {
            resource.setRevocable(Resource.RevocableInfo.getDefaultInstance());
        }
        return resource.build();
    }

    private static long millis(double amount) {
        return Math.round(amount * 1000);
    }
}
