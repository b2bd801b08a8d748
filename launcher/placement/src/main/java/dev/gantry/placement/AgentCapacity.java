package dev.gantry.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One agent's offers in one role during a round: what is left of each offered part as executors
 * are placed, and the executors placed. Mutable, and private to one {@link Placer#plan} call.
 */
final class AgentCapacity implements Candidate {
    // Reservations are the job's own and revocable resources can vanish: take reserved, then
    // unreserved, and revocable ones last.
    private static final Comparator<OfferedResources> TAKE_ORDER = Comparator
            .comparing(OfferedResources::revocable)
            .thenComparing(r -> !r.reserved())
            .thenComparing(OfferedResources::reservationRole);

    final String agentId;
    final String role;
    final String hostname;
    final Map<String, String> attributes;
    final List<String> offerIds = new ArrayList<>();
    final List<ExecutorAllocation> placed = new ArrayList<>();
    private final List<OfferedResources> parts = new ArrayList<>();
    private final double[][] left;
    private Amounts free;
    private int jobExecutors;

    AgentCapacity(List<OfferView> offers, boolean useRevocable, int runningExecutors) {
        OfferView first = offers.get(0);
        this.agentId = first.agentId();
        this.role = first.role();
        this.hostname = first.hostname();
        this.attributes = first.attributes();
        for (OfferView offer : offers) {
            offerIds.add(offer.offerId());
            for (OfferedResources part : offer.resources()) {
                if (useRevocable || !part.revocable()) {
                    parts.add(part);
                }
            }
        }
        parts.sort(TAKE_ORDER);
        left = new double[parts.size()][];
        Amounts sum = Amounts.ZERO;
        for (int i = 0; i < parts.size(); i++) {
            Amounts a = parts.get(i).amounts();
            left[i] = new double[] {a.cpus(), a.memMb(), a.gpus()};
            sum = sum.plus(a);
        }
        this.free = sum;
        this.jobExecutors = runningExecutors;
    }

    @Override
    public String agentId() {
        return agentId;
    }

    @Override
    public String hostname() {
        return hostname;
    }

    @Override
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public Amounts free() {
        return free;
    }

    @Override
    public int jobExecutors() {
        return jobExecutors;
    }

    boolean offersGpus() {
        return free.gpus() > 0;
    }

    boolean fits(ExecutorShape shape) {
        return free.holds(shape.amounts());
    }

    /** Takes one executor's exact resources, part by part. */
    void place(ExecutorShape shape) {
        List<ResourceSlice> slices = new ArrayList<>(6);
        take(0, ResourceSlice.CPUS, shape.cpus(), slices);
        take(1, ResourceSlice.MEM, shape.memMb(), slices);
        take(2, ResourceSlice.GPUS, shape.gpus(), slices);
        placed.add(new ExecutorAllocation(slices));
        free = free.minus(shape.amounts());
        jobExecutors++;
    }

    private void take(int kind, String name, double wanted, List<ResourceSlice> slices) {
        double remaining = wanted;
        for (int i = 0; i < parts.size() && remaining > Amounts.EPSILON; i++) {
            double available = left[i][kind];
            if (available <= Amounts.EPSILON) {
                continue;
            }
            double taken = Math.min(available, remaining);
            left[i][kind] = available - taken;
            remaining -= taken;
            OfferedResources part = parts.get(i);
            slices.add(new ResourceSlice(name, part.reservationRole(), part.revocable(), taken));
        }
    }

    /** Undoes every placement of this round (a gang that did not fit whole). */
    void reset(ExecutorShape shape) {
        int count = placed.size();
        for (int i = 0; i < parts.size(); i++) {
            Amounts a = parts.get(i).amounts();
            left[i] = new double[] {a.cpus(), a.memMb(), a.gpus()};
        }
        free = free.plus(shape.amounts().times(count));
        jobExecutors -= count;
        placed.clear();
    }
}
