package dev.gantry.benchmarks.placement;

import com.netflix.fenzo.SchedulingResult;
import com.netflix.fenzo.TaskAssignmentResult;
import com.netflix.fenzo.TaskRequest;
import com.netflix.fenzo.TaskScheduler;
import com.netflix.fenzo.VMAssignmentResult;
import com.netflix.fenzo.VirtualMachineLease;
import com.netflix.fenzo.plugins.BinPackingFitnessCalculators;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.Protos;

/**
 * Fenzo 1.0.1's {@link TaskScheduler} with its CPU and memory bin-packing fitness, used as a
 * Mesos framework uses it: one scheduler for the whole run, a lease for each new offer, unused
 * leases kept by Fenzo between rounds, and the leases of hosts it assigned tasks to consumed.
 * An agent gets a new lease when its offer changes, or when Fenzo consumed its lease in a
 * round whose launches the simulator rolled back (a gang Fenzo placed only in part).
 *
 * <p>Fenzo 1.0.1 evaluates hosts on a thread pool as large as the JVM's processor count, with
 * no setting to change it: run the JVM with {@code -XX:ActiveProcessorCount=1} to compare it
 * single-threaded with Gantry's placer, and to make its choice among equally fit hosts
 * deterministic.
 */
public final class FenzoSimPlacer implements SimulatedPlacer {
    // Leases must outlive the slowest simulation: an expired lease would be rejected mid-run.
    private static final long LEASE_EXPIRY_SECS = 7 * 24 * 3600;

    private final TaskScheduler scheduler = newScheduler();
    private final Map<String, Integer> agentIndexByHostname = new HashMap<>();
    private final Map<String, Map<String, Protos.Attribute>> attributesByAgent = new HashMap<>();
    private AgentOffer[] leasedOffer = new AgentOffer[0];
    private long leaseSequence;

    /** A scheduler set up as this comparison uses it. */
    public static TaskScheduler newScheduler() {
        return new TaskScheduler.Builder()
                // Required, but Fenzo calls it only for leases with a Mesos offer attached: ours have none.
                .withLeaseRejectAction(lease -> { })
                .withLeaseOfferExpirySecs(LEASE_EXPIRY_SECS)
                // Offers are never declined in a simulation, so Fenzo need not look for expired ones.
                // With its default (4), every round ends by sweeping all unused leases and finding
                // each one's host by a linear scan (AssignableVMs.removeLimitedLeases ->
                // VMCollection.getVmByName): O(agents^2) per round; a 10,000-agent run with it had not
                // finished after 11 CPU-minutes.
                .withMaxOffersToReject(0)
                .withFitnessCalculator(BinPackingFitnessCalculators.cpuMemBinPacker)
                .build();
    }

    @Override
    public String name() {
        return "Fenzo 1.0.1";
    }

    /** A lease for {@code offer}, with a fresh lease id. */
    private VirtualMachineLease leaseOf(AgentOffer offer) {
        Map<String, Protos.Attribute> attributes = attributesByAgent.computeIfAbsent(offer.agent().id(),
                id -> FenzoLease.attributesOf(offer.agent()));
        return new FenzoLease(offer.agent().id() + "-L" + leaseSequence++, offer, attributes);
    }

    @Override
    public RoundOutcome place(Job job, List<AgentOffer> offers) {
        List<VirtualMachineLease> newLeases = new ArrayList<>();
        for (AgentOffer offer : offers) {
            int i = offer.agentIndex();
            if (i >= leasedOffer.length) {
                leasedOffer = Arrays.copyOf(leasedOffer, Math.max(i + 1, leasedOffer.length * 2));
            }
            if (leasedOffer[i] != offer) {
                newLeases.add(leaseOf(offer));
                leasedOffer[i] = offer;
                agentIndexByHostname.put(offer.agent().hostname(), i);
            }
        }
        List<TaskRequest> tasks = FenzoExecutorTask.of(job);
        long start = System.nanoTime();
        SchedulingResult result = scheduler.scheduleOnce(tasks, newLeases);
        long nanos = System.nanoTime() - start;
        if (!result.getExceptions().isEmpty()) {
            throw new IllegalStateException("Fenzo failed a round", result.getExceptions().get(0));
        }
        List<ExecutorGrant> grants = new ArrayList<>();
        for (VMAssignmentResult host : result.getResultMap().values()) {
            int i = agentIndexByHostname.get(host.getHostname());
            leasedOffer[i] = null;
            for (TaskAssignmentResult task : host.getTasksAssigned()) {
                grants.add(new ExecutorGrant(i, FenzoExecutorTask.resourcesOf(task.getRequest()), job.executor()));
            }
        }
        return new RoundOutcome(grants, nanos);
    }

    @Override
    public void close() {
        scheduler.shutdown();
    }
}
