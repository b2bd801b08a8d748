package dev.gantry.spark;

import dev.gantry.mesos.AgentFiles;
import dev.gantry.mesos.SchedulerClient;
import dev.gantry.offers.OfferPool;
import dev.gantry.offers.OfferViews;
import dev.gantry.placement.AgentLaunch;
import dev.gantry.placement.Decline;
import dev.gantry.placement.DeclineReason;
import dev.gantry.placement.ExecutorAllocation;
import dev.gantry.placement.OfferView;
import dev.gantry.placement.Placer;
import dev.gantry.placement.Plan;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's offer handling: the offers it holds, and the placement round over them that
 * launches executors (ACCEPT), declines what it does not use (DECLINE with placement's refusal
 * times) and suppresses or revives offers for the application's role. Every method only collects
 * the calls to the master in {@code calls}, to be made once the backend's lock is released. Not
 * thread-safe: the backend keeps it under its lock.
 */
final class OfferRounds {
    private static final Logger LOG = LoggerFactory.getLogger(OfferRounds.class);

    private final MesosBackendConf conf;
    private final Placer placer = new Placer();
    private final Map<String, Offer> held = new LinkedHashMap<>();
    private boolean suppressed;
    private long gangWaitingSince = -1;
    /** Which constraint no agent met, while the last round that judged agents admitted none; read by the application. */
    private volatile String unmetConstraints;

    OfferRounds(MesosBackendConf conf) {
        this.conf = conf;
    }

    void hold(Offer offer) {
        held.put(offer.getId().getValue(), offer);
    }

    void rescind(OfferID offerId) {
        held.remove(offerId.getValue());
    }

    /** Forgets every offer held: the master rescinded them (the subscription ended). */
    void clear() {
        held.clear();
    }

    /**
     * One placement round over every offer held, for the executors {@code executors} still wants;
     * records the launches there. {@code acceptFailed} is told of an ACCEPT that failed.
     */
    void plan(List<Runnable> calls, SchedulerClient client, LaunchedExecutors executors, ExecutorTaskBuilder tasks,
              BiFunction<List<TaskInfo>, Throwable, Void> acceptFailed) {
        List<OfferView> views = new ArrayList<>(held.size());
        for (Offer offer : held.values()) {
            views.add(OfferViews.of(offer));
        }
        Plan plan = placer.plan(views, conf.demand(executors.target()),
                executors.clusterState(suppressed, gangWaitingSince));
        gangWaitingSince = plan.gangWaitingSinceMillis();
        noteConstraints(plan);
        for (AgentLaunch launch : plan.launches()) {
            List<TaskInfo> launched = new ArrayList<>();
            Offer first = held.get(launch.offerIds().get(0));
            String hostname = first.getHostname();
            URI agentUrl = AgentFiles.agentUrl(first).orElse(null);
            AgentID agentId = AgentID.newBuilder().setValue(launch.agentId()).build();
            OfferPool offered = OfferPool.of(launch.offerIds().stream().map(held::get).toList());
            for (ExecutorAllocation allocation : launch.executors()) {
                String executorId = executors.nextId();
                launched.add(tasks.build(new ExecutorLaunch(executorId, agentId, hostname, launch.role(), allocation, offered)));
                executors.launched(executorId, agentId, hostname, allocation.total(), agentUrl);
            }
            List<OfferID> ids = offerIds(launch.offerIds());
            Filters filters = Filters.newBuilder().setRefuseSeconds(launch.refuseUnusedSeconds()).build();
            LOG.info("launching {} executor(s) on agent {} ({})", launched.size(), launch.agentId(), hostname);
            calls.add(() -> client.accept(ids, List.of(launchOperation(launched)), filters)
                    .exceptionally(e -> acceptFailed.apply(launched, e)));
        }
        Map<Double, List<OfferID>> declines = new TreeMap<>();
        for (Decline decline : plan.declines()) {
            declines.computeIfAbsent(decline.refuseSeconds(), k -> new ArrayList<>())
                    .add(OfferID.newBuilder().setValue(decline.offerId()).build());
            held.remove(decline.offerId());
        }
        for (AgentLaunch launch : plan.launches()) {
            launch.offerIds().forEach(held::remove);
        }
        declines.forEach((seconds, ids) -> calls.add(() -> client.decline(ids,
                Filters.newBuilder().setRefuseSeconds(seconds).build())
                .exceptionally(e -> MesosSchedulerBackend.logCallFailure("DECLINE", e))));
        switch (plan.roleAction()) {
            case SUPPRESS:
                suppressed = true;
                calls.add(() -> client.suppress(List.of(conf.role()))
                        .exceptionally(e -> MesosSchedulerBackend.logCallFailure("SUPPRESS", e)));
                break;
            case REVIVE:
                suppressed = false;
                calls.add(() -> client.revive(List.of(conf.role()))
                        .exceptionally(e -> MesosSchedulerBackend.logCallFailure("REVIVE", e)));
                break;
            default:
                break;
        }
    }

    /**
     * Says once, when it starts or changes, which constraint kept every agent offered from the
     * job, with what the agents have instead; forgotten once a round admits an agent.
     */
    private void noteConstraints(Plan plan) {
        Optional<String> why = plan.constraintShortfall().map(shortfall -> shortfall.describe("agent offered"));
        if (why.isPresent()) {
            if (!why.get().equals(unmetConstraints)) {
                double seconds = conf.declines().unmetConstraints();
                LOG.warn("declining {} offer(s) for {} s: {}", plan.declines().size(),
                        seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds), why.get());
            }
            unmetConstraints = why.get();
        } else if (!plan.launches().isEmpty() || !plan.heldOfferIds().isEmpty() || plan.declines().stream()
                .anyMatch(d -> d.reason() != DeclineReason.UNMET_CONSTRAINTS && d.reason() != DeclineReason.AGENT_FAILING)) {
            unmetConstraints = null;
        }
    }

    /** Which constraint no agent offered met, while the job's offers keep failing its constraints. */
    Optional<String> unmetConstraints() {
        return Optional.ofNullable(unmetConstraints);
    }

    private static org.apache.mesos.v1.Protos.Offer.Operation launchOperation(List<TaskInfo> launched) {
        return org.apache.mesos.v1.Protos.Offer.Operation.newBuilder()
                .setType(org.apache.mesos.v1.Protos.Offer.Operation.Type.LAUNCH)
                .setLaunch(org.apache.mesos.v1.Protos.Offer.Operation.Launch.newBuilder().addAllTaskInfos(launched))
                .build();
    }

    /**
     * Asks for offers again when the job has fewer executors than it wants. REVIVE also clears
     * the refusals of earlier declines (up to 120 s when demand was met), which would otherwise
     * hide the very agents a replacement or a scale-up needs.
     */
    void reviveIfShort(List<Runnable> calls, SchedulerClient client, LaunchedExecutors executors) {
        if (executors.isShort()) {
            suppressed = false;
            calls.add(() -> client.revive(List.of(conf.role()))
                    .exceptionally(e -> MesosSchedulerBackend.logCallFailure("REVIVE", e)));
        }
    }

    /** Declines every offer held, for {@code seconds}. */
    void declineAll(List<Runnable> calls, SchedulerClient client, double seconds) {
        List<OfferID> ids = offerIds(new ArrayList<>(held.keySet()));
        held.clear();
        if (!ids.isEmpty()) {
            calls.add(() -> client.decline(ids, Filters.newBuilder().setRefuseSeconds(seconds).build()));
        }
    }

    private static List<OfferID> offerIds(List<String> ids) {
        List<OfferID> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(OfferID.newBuilder().setValue(id).build());
        }
        return out;
    }
}
