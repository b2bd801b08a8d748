package dev.gantry.gpucheck;

import dev.gantry.mesos.AgentFiles;
import dev.gantry.mesos.SchedulerClient;
import dev.gantry.mesos.SchedulerListener;
import dev.gantry.offers.OfferPool;
import dev.gantry.offers.OfferViews;
import dev.gantry.placement.AgentLaunch;
import dev.gantry.placement.ClusterState;
import dev.gantry.placement.Decline;
import dev.gantry.placement.Demand;
import dev.gantry.placement.ExecutorAllocation;
import dev.gantry.placement.ExecutorShape;
import dev.gantry.placement.GpuAgentUse;
import dev.gantry.placement.OfferView;
import dev.gantry.placement.OfferedResources;
import dev.gantry.placement.PlacementPolicy;
import dev.gantry.placement.Placer;
import dev.gantry.placement.Plan;
import dev.gantry.protocol.TaskStates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * The scheduler behind {@link GpuCheck}: on every agent offered within the collection window, one
 * task per whole GPU (one CPU task on an agent without GPUs), as the placement engine fits them
 * into the agent's offers; every later offer, and every agent's second, is declined for an hour.
 */
final class CheckScheduler implements SchedulerListener {
    /** What prints a task's view of the GPUs: CUDA_VISIBLE_DEVICES, and nvidia-smi where installed. */
    static final String COMMAND = "echo \"CUDA_VISIBLE_DEVICES=${CUDA_VISIBLE_DEVICES-unset}\";"
            + " if command -v nvidia-smi >/dev/null 2>&1; then nvidia-smi -L; fi";
    static final ExecutorShape GPU_TASK = new ExecutorShape(0.1, 32, 1);
    static final ExecutorShape CPU_TASK = new ExecutorShape(0.1, 32, 0);
    private static final Filters REFUSE_AN_HOUR = Filters.newBuilder().setRefuseSeconds(3600).build();

    private final Duration window;
    private final Placer placer = new Placer();
    private SchedulerClient client;
    private final Map<String, GpuCheck.Outcome> outcomes = new LinkedHashMap<>();
    private final Set<String> agentsChecked = new HashSet<>();
    private long firstOfferNanos;
    private int launched;
    private volatile String failure;

    CheckScheduler(Duration window) {
        this.window = window;
    }

    void attach(SchedulerClient client) {
        this.client = client;
    }

    /**
     * Waits until the collection window has passed and every launched task has ended, or the
     * client failed; false on timeout.
     */
    boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (failure != null || finished()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private synchronized boolean finished() {
        return firstOfferNanos != 0 && System.nanoTime() - firstOfferNanos >= window.toNanos()
                && outcomes.values().stream().allMatch(o -> TaskStates.isTerminal(o.state()));
    }

    synchronized List<GpuCheck.Outcome> outcomes() {
        return new ArrayList<>(outcomes.values());
    }

    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    synchronized int launched() {
        return launched;
    }

    /**
     * What one agent is asked for: a task of one GPU for each whole GPU its offers hold, reserved
     * for the role or not (revocable ones aside), else one CPU task.
     */
    static Demand demand(List<OfferView> agentOffers) {
        int gpus = 0;
        for (OfferView offer : agentOffers) {
            for (OfferedResources part : offer.resources()) {
                gpus += part.revocable() ? 0 : part.amounts().gpus();
            }
        }
        return Demand.of(gpus > 0 ? GPU_TASK : CPU_TASK, Math.max(1, gpus))
                .withGpuAgentUse(GpuAgentUse.ALWAYS).withPolicy(PlacementPolicy.BINPACK);
    }

    @Override
    public synchronized void offers(List<Offer> offers) {
        long now = System.nanoTime();
        if (firstOfferNanos == 0) {
            firstOfferNanos = now;
        }
        boolean collecting = now - firstOfferNanos < window.toNanos();
        Map<String, List<Offer>> byAgent = new LinkedHashMap<>();
        for (Offer offer : offers) {
            byAgent.computeIfAbsent(offer.getAgentId().getValue(), a -> new ArrayList<>()).add(offer);
        }
        byAgent.forEach((agent, agentOffers) -> {
            if (!collecting || !agentsChecked.add(agent)) {
                client.decline(agentOffers.stream().map(Offer::getId).toList(), REFUSE_AN_HOUR);
            } else {
                launchOn(agent, agentOffers);
            }
        });
    }

    /** Launches the agent's tasks with one ACCEPT per role, each resource taken as it was offered. */
    private void launchOn(String agent, List<Offer> agentOffers) {
        Map<String, Offer> byId = new LinkedHashMap<>();
        List<OfferView> views = new ArrayList<>();
        for (Offer offer : agentOffers) {
            byId.put(offer.getId().getValue(), offer);
            views.add(OfferViews.of(offer));
        }
        Plan plan = placer.plan(views, demand(views), ClusterState.empty(System.currentTimeMillis()));
        int next = 0;
        for (AgentLaunch launch : plan.launches()) {
            List<Offer> used = launch.offerIds().stream().map(byId::get).toList();
            OfferPool pool = OfferPool.of(used);
            List<TaskInfo> tasks = new ArrayList<>();
            for (ExecutorAllocation allocation : launch.executors()) {
                String taskId = "check-" + agent + "-" + next++;
                tasks.add(TaskInfo.newBuilder()
                        .setName("gantry-check")
                        .setTaskId(TaskID.newBuilder().setValue(taskId))
                        .setAgentId(used.get(0).getAgentId())
                        .setCommand(CommandInfo.newBuilder().setShell(true).setValue(COMMAND))
                        .addAllResources(pool.take(allocation, launch.role()))
                        .build());
                outcomes.put(taskId, new GpuCheck.Outcome(taskId, agent, AgentFiles.agentUrl(used.get(0)).orElse(null),
                        allocation.total().gpus(), TaskState.TASK_STAGING, ""));
            }
            launched += tasks.size();
            Offer.Operation operation = Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                    .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(tasks)).build();
            client.accept(used.stream().map(Offer::getId).toList(), List.of(operation), REFUSE_AN_HOUR)
                    .exceptionally(e -> {
                        fail("the master refused the launch: " + e.getMessage());
                        return null;
                    });
        }
        List<OfferID> declined = new ArrayList<>();
        for (Decline decline : plan.declines()) {
            declined.add(byId.get(decline.offerId()).getId());
        }
        if (!declined.isEmpty()) {
            client.decline(declined, REFUSE_AN_HOUR);
        }
    }

    @Override
    public synchronized void update(TaskStatus status) {
        client.acknowledge(status);
        GpuCheck.Outcome before = outcomes.get(status.getTaskId().getValue());
        if (before == null) {
            return;
        }
        outcomes.put(before.taskId(), new GpuCheck.Outcome(before.taskId(), before.agentId(), before.agentUrl(),
                before.gpus(), status.getState(), status.getMessage()));
    }

    @Override
    public void stopped(String reason) {
        fail(reason);
    }

    @Override
    public void error(String message) {
        fail("the master sent ERROR: " + message);
    }

    private void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }
}
