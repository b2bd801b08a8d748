package dev.gantry.localcluster;

import dev.gantry.protocol.ResourceNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which agent's resources go to which framework, as Mesos' allocator decides it
 * ({@code HierarchicalAllocatorProcess} with its DRF sorter), and the offers that carry them, as
 * Mesos' master keeps them. Each allocation (every allocation interval, and soon after anything
 * frees resources) offers every agent's available resources, role by role, to the connected
 * frameworks in dominant-share order, except what a refusal filter holds back, a suppressed role,
 * a GPU agent to a framework without GPU_RESOURCES, or less than the minimum allocatable. It keeps
 * the outstanding offers and takes them back (rescind, offer timeout, decline) and keeps the
 * filters that DECLINE, an ACCEPT's leftovers, SUPPRESS and REVIVE leave. Runs on the master's
 * thread.
 */
final class Allocator {
    // Log lines keep the master's name, as before the master was split into parts.
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);
    private static final double DEFAULT_REFUSE_SECONDS = 5.0;
    // Mesos' default --min_allocatable_resources: cpus:0.01|mem:32.
    private static final double MIN_ALLOCATABLE_CPUS = 0.01;
    private static final double MIN_ALLOCATABLE_MEM = 32;

    private final Master master;
    private final Map<String, Offer> offers = new LinkedHashMap<>();
    private long offerCount;
    private boolean allocationQueued;

    Allocator(Master master) {
        this.master = master;
    }

    void allocate() {
        if (master.closed()) {
            return;
        }
        long now = System.nanoTime();
        List<Framework> candidates = new ArrayList<>();
        for (Framework framework : master.frameworks().values()) {
            framework.filters.removeIf(f -> f.expired(now));
            if (framework.connected()) {
                candidates.add(framework);
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        // Dominant resource fairness, as Mesos' allocator: the framework holding the smallest
        // share of its dominant resource is offered first.
        Map<Framework, Double> shares = dominantShares(candidates);
        candidates.sort(Comparator.comparingDouble((Framework f) -> shares.get(f))
                .thenComparingLong(f -> f.registeredMillis));
        Map<Framework, List<Offer>> made = new LinkedHashMap<>();
        for (Agent agent : master.agents().values()) {
            for (Framework framework : candidates) {
                if (agent.hasGpus() && !framework.hasCapability(FrameworkInfo.Capability.Type.GPU_RESOURCES)) {
                    continue;
                }
                for (String role : framework.roles()) {
                    if (framework.suppressedRoles.contains(role) || !framework.constraints.admits(role, agent)) {
                        continue;
                    }
                    ResourceVector available = agent.available().usableBy(role);
                    if (!allocatable(available) || filtered(framework, role, agent, available, now)) {
                        continue;
                    }
                    made.computeIfAbsent(framework, f -> new ArrayList<>())
                            .add(createOffer(framework, agent, role, available));
                }
            }
        }
        made.forEach((framework, list) -> {
            Event.Offers.Builder event = Event.Offers.newBuilder();
            for (Offer offer : list) {
                event.addOffers(toProto(offer));
            }
            framework.send(Event.newBuilder().setType(Event.Type.OFFERS).setOffers(event).build());
        });
    }

    private Map<Framework, Double> dominantShares(List<Framework> candidates) {
        double[] totals = new double[3];
        for (Agent agent : master.agents().values()) {
            totals[0] += agent.total.scalar(ResourceNames.CPUS);
            totals[1] += agent.total.scalar(ResourceNames.MEM);
            totals[2] += agent.total.scalar(ResourceNames.GPUS);
        }
        Map<Framework, Double> shares = new LinkedHashMap<>();
        for (Framework framework : candidates) {
            ResourceVector held = ResourceVector.EMPTY;
            for (Task task : framework.tasks.values()) {
                if (!task.resourcesRecovered) {
                    held = held.plus(task.resources);
                }
            }
            for (Executor executor : framework.executors.values()) {
                held = held.plus(executor.resources);
            }
            for (Offer offer : framework.offers.values()) {
                held = held.plus(offer.resources);
            }
            double share = 0;
            String[] names = {ResourceNames.CPUS, ResourceNames.MEM, ResourceNames.GPUS};
            for (int i = 0; i < names.length; i++) {
                if (totals[i] > 0) {
                    share = Math.max(share, held.scalar(names[i]) / totals[i]);
                }
            }
            shares.put(framework, share);
        }
        return shares;
    }

    private static boolean allocatable(ResourceVector available) {
        return available.scalar(ResourceNames.CPUS) >= MIN_ALLOCATABLE_CPUS
                || available.scalar(ResourceNames.MEM) >= MIN_ALLOCATABLE_MEM;
    }

    private static boolean filtered(Framework framework, String role, Agent agent, ResourceVector available,
                                    long now) {
        for (RefuseFilter filter : framework.filters) {
            if (filter.holdsBack(role, agent, available, now)) {
                return true;
            }
        }
        return false;
    }

    private Offer createOffer(Framework framework, Agent agent, String role, ResourceVector resources) {
        OfferID id = OfferID.newBuilder().setValue(master.id() + "-O" + offerCount++).build();
        Offer offer = new Offer(id, framework, agent, role, resources);
        agent.offered = agent.offered.plus(resources);
        offers.put(id.getValue(), offer);
        framework.offers.put(id, offer);
        Duration timeout = master.spec().offerTimeout();
        if (timeout != null) {
            offer.expiry = master.loop().schedule(() -> {
                if (offers.containsKey(id.getValue())) {
                    LOG.debug("offer {} timed out", id.getValue());
                    rescind(offer);
                    requestAllocation();
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        return offer;
    }

    private static org.apache.mesos.v1.Protos.Offer toProto(Offer offer) {
        boolean refined = offer.framework.hasCapability(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT);
        org.apache.mesos.v1.Protos.Offer.Builder proto = org.apache.mesos.v1.Protos.Offer.newBuilder()
                .setId(offer.id)
                .setFrameworkId(offer.framework.id)
                .setAgentId(offer.agent.id)
                .setHostname(offer.agent.hostname)
                .setUrl(offer.agent.url)
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(offer.role))
                .addAllResources(offer.resources.toProtos(offer.role, refined))
                .addAllAttributes(offer.agent.attributes);
        Set<ExecutorID> executors = new HashSet<>();
        for (Task task : offer.framework.tasks.values()) {
            if (task.agent == offer.agent && !task.terminal() && executors.add(task.executorId)) {
                proto.addExecutorIds(task.executorId);
            }
        }
        return proto.build();
    }

    /** The outstanding offer with this id, or null. */
    Offer offer(OfferID id) {
        return offers.get(id.getValue());
    }

    /** Every outstanding offer, of every framework. */
    Collection<Offer> offers() {
        return offers.values();
    }

    /** Takes an offer back without a filter and returns its resources to the agent. */
    void removeOffer(Offer offer) {
        if (offers.remove(offer.id.getValue()) == null) {
            return;
        }
        offer.framework.offers.remove(offer.id);
        offer.agent.offered = offer.agent.offered.minus(offer.resources);
        Master.cancel(offer.expiry);
    }

    /** Takes an offer back and tells its framework (RESCIND). */
    void rescind(Offer offer) {
        removeOffer(offer);
        offer.framework.send(Event.newBuilder().setType(Event.Type.RESCIND)
                .setRescind(Event.Rescind.newBuilder().setOfferId(offer.id)).build());
    }

    void decline(Framework framework, List<OfferID> ids, Filters filters) {
        for (OfferID id : ids) {
            Offer offer = offers.get(id.getValue());
            if (offer == null || offer.framework != framework) {
                continue;
            }
            removeOffer(offer);
            refuseFor(framework, offer.agent, offer.role, offer.resources, filters);
        }
        requestAllocation();
    }

    /** Holds {@code resources} of {@code agent} back from the framework in {@code role} as {@code filters} say. */
    void refuseFor(Framework framework, Agent agent, String role, ResourceVector resources, Filters filters) {
        double seconds = filters.hasRefuseSeconds() ? filters.getRefuseSeconds() : DEFAULT_REFUSE_SECONDS;
        if (Double.isNaN(seconds) || seconds < 0) {
            seconds = DEFAULT_REFUSE_SECONDS;
        }
        if (seconds == 0 || resources.isEmpty()) {
            return;
        }
        // Mesos caps a refusal at one year.
        long nanos = (long) Math.min(seconds * 1e9, TimeUnit.DAYS.toNanos(365));
        framework.filters.add(new RefuseFilter(role, agent, resources, System.nanoTime() + nanos));
    }

    void revive(Framework framework, List<String> roles) {
        List<String> affected = roles.isEmpty() ? framework.roles() : roles;
        framework.suppressedRoles.removeAll(affected);
        framework.filters.removeIf(f -> affected.contains(f.role()));
        requestAllocation();
    }

    void suppress(Framework framework, List<String> roles) {
        framework.suppressedRoles.addAll(roles.isEmpty() ? framework.roles() : roles);
    }

    /** Allocates soon, on the master's thread; requests before that allocation share it. */
    void requestAllocation() {
        if (!allocationQueued && !master.closed()) {
            allocationQueued = true;
            master.execute(() -> {
                allocationQueued = false;
                allocate();
            });
        }
    }
}
