package dev.gantry.localcluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frameworks the master knows, as Mesos' master proper keeps them ({@code Master::subscribe},
 * {@code failoverFramework}, {@code disconnect}, {@code removeFramework}, {@code updateFramework}):
 * SUBSCRIBE of a new framework or a returning one, the failover that replaces an old stream,
 * heartbeats, a stream's end and the failover timeout it starts, removal (TEARDOWN, an operator's
 * teardown, an expired timeout) and UPDATE_FRAMEWORK. Removed frameworks are remembered, so that
 * they cannot subscribe again. Runs on the master's thread.
 */
final class Subscriptions {
    // Log lines keep the master's name, as before the master was split into parts.
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);
    private static final int COMPLETED_FRAMEWORKS_KEPT = 50;

    private final Master master;
    private final Map<String, Framework> frameworks = new LinkedHashMap<>();
    private final Map<String, Framework> completedFrameworks = new LinkedHashMap<>();
    private long frameworkCount;

    Subscriptions(Master master) {
        this.master = master;
    }

    /** Registered frameworks, subscribed now or within their failover timeout, by id. */
    Map<String, Framework> frameworks() {
        return frameworks;
    }

    /** The most recently removed frameworks, by id. */
    Map<String, Framework> completedFrameworks() {
        return completedFrameworks;
    }

    void subscribe(EventStream stream, Call.Subscribe subscribe, Optional<String> principal) {
        if (master.closed()) {
            stream.close();
            return;
        }
        FrameworkInfo info = subscribe.getFrameworkInfo();
        if (principal.isPresent() && !info.hasPrincipal()) {
            info = info.toBuilder().setPrincipal(principal.get()).build();
        }
        Optional<String> invalid = FrameworkValidation.validate(info, subscribe.getSuppressedRolesList());
        OfferConstraints constraints = OfferConstraints.NONE;
        if (invalid.isEmpty() && subscribe.hasOfferConstraints()) {
            try {
                constraints = OfferConstraints.of(subscribe.getOfferConstraints());
            } catch (IllegalArgumentException e) {
                invalid = Optional.of(e.getMessage());
            }
        }
        if (invalid.isPresent()) {
            refuse(stream, invalid.get());
            return;
        }
        Framework framework;
        if (info.hasId()) {
            String id = info.getId().getValue();
            if (completedFrameworks.containsKey(id)) {
                refuse(stream, "Framework has been removed");
                return;
            }
            framework = frameworks.get(id);
            Optional<String> refused = framework == null ? Optional.empty()
                    : FrameworkInfoUpdate.refuseResubscription(framework.info, info);
            if (refused.isPresent()) {
                refuse(stream, refused.get());
                return;
            }
            if (framework == null) {
                // Unknown id: a framework coming back after a master failover. Mesos re-admits it.
                framework = new Framework(info.getId(), info, System.currentTimeMillis());
                frameworks.put(id, framework);
                LOG.info("framework {} re-registered with an id this master did not know", framework.name());
            } else {
                FrameworkInfo kept = FrameworkInfoUpdate.resubscribed(framework.info, info);
                if (!kept.equals(info)) {
                    LOG.warn("framework {} cannot change its user or checkpoint (MESOS-703); keeping them",
                            framework.name());
                }
                failover(framework, kept);
                info = kept;
            }
        } else {
            FrameworkID id = FrameworkID.newBuilder()
                    .setValue(master.id() + "-" + String.format("%04d", frameworkCount++)).build();
            info = info.toBuilder().setId(id).build();
            framework = new Framework(id, info, System.currentTimeMillis());
            frameworks.put(id.getValue(), framework);
            LOG.info("framework {} subscribed", framework.name());
        }
        framework.stream = stream;
        framework.constraints = constraints;
        framework.suppressedRoles.clear();
        framework.suppressedRoles.addAll(subscribe.getSuppressedRolesList());
        stream.send(Event.newBuilder().setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder()
                        .setFrameworkId(framework.id)
                        .setHeartbeatIntervalSeconds(master.spec().heartbeatInterval().toMillis() / 1000.0)
                        .setMasterInfo(master.masterInfo()))
                .build());
        Framework subscribed = framework;
        long heartbeat = master.spec().heartbeatInterval().toMillis();
        framework.heartbeat = master.loop().scheduleAtFixedRate(
                () -> subscribed.send(Event.newBuilder().setType(Event.Type.HEARTBEAT).build()),
                heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        master.statusUpdates.resendPending(framework);
        master.allocator.requestAllocation();
    }

    private void failover(Framework framework, FrameworkInfo info) {
        if (framework.stream != null) {
            framework.stream.send(MasterEvents.error("Framework failed over"));
            framework.stream.close();
            framework.stream = null;
        }
        Master.cancel(framework.heartbeat);
        Master.cancel(framework.failoverExpiry);
        framework.failoverExpiry = null;
        for (Offer offer : new ArrayList<>(framework.offers.values())) {
            master.allocator.removeOffer(offer);
        }
        framework.info = info;
        LOG.info("framework {} resubscribed", framework.name());
    }

    private static void refuse(EventStream stream, String message) {
        stream.send(MasterEvents.error(message));
        stream.close();
    }

    /** {@code stream} ended: its framework waits out its failover timeout, or goes at once without one. */
    void disconnect(EventStream stream) {
        for (Framework framework : new ArrayList<>(frameworks.values())) {
            if (framework.stream != stream) {
                continue;
            }
            framework.stream = null;
            Master.cancel(framework.heartbeat);
            for (Offer offer : new ArrayList<>(framework.offers.values())) {
                master.allocator.removeOffer(offer);
            }
            double failoverSeconds = framework.info.getFailoverTimeout();
            LOG.info("framework {} disconnected; failover timeout {} s", framework.name(), failoverSeconds);
            if (failoverSeconds <= 0 || master.closed()) {
                remove(framework, "disconnected with no failover timeout");
            } else {
                framework.failoverExpiry = master.loop().schedule(
                        () -> remove(framework, "failover timeout expired"),
                        Math.round(failoverSeconds * 1000), TimeUnit.MILLISECONDS);
            }
            master.allocator.requestAllocation();
        }
    }

    /** Removes the framework for good: its offers go back, its live tasks are killed, its stream closed. */
    void remove(Framework framework, String why) {
        if (frameworks.remove(framework.id.getValue()) == null) {
            return;
        }
        LOG.info("removing framework {}: {}", framework.name(), why);
        framework.unregisteredMillis = System.currentTimeMillis();
        completedFrameworks.put(framework.id.getValue(), framework);
        while (completedFrameworks.size() > COMPLETED_FRAMEWORKS_KEPT) {
            completedFrameworks.remove(completedFrameworks.keySet().iterator().next());
        }
        Master.cancel(framework.heartbeat);
        Master.cancel(framework.failoverExpiry);
        for (Offer offer : new ArrayList<>(framework.offers.values())) {
            master.allocator.removeOffer(offer);
        }
        framework.filters.clear();
        for (Task task : new ArrayList<>(framework.tasks.values())) {
            master.statusUpdates.drop(task);
            if (task.terminal()) {
                // Nobody will acknowledge its last update now; it is history, as in Mesos.
                framework.tasks.remove(task.id());
                framework.rememberCompleted(task);
            } else if (task.runner != null) {
                master.killer.kill(task);
            }
        }
        // As Mesos does: close the stream without an ERROR event. A scheduler that subscribes again
        // with this framework id is told "Framework has been removed" (see subscribe).
        if (framework.stream != null) {
            framework.stream.close();
            framework.stream = null;
        }
        master.allocator.requestAllocation();
    }

    /** UPDATE_FRAMEWORK: new info, constraints and suppressed roles; offers in roles it left are rescinded. */
    CallResult update(Framework framework, Call.UpdateFramework update) {
        FrameworkInfo info = update.getFrameworkInfo();
        Optional<String> invalid = FrameworkValidation.validate(info, update.getSuppressedRolesList());
        if (invalid.isPresent()) {
            return CallResult.badRequest(invalid.get());
        }
        OfferConstraints constraints = OfferConstraints.NONE;
        if (update.hasOfferConstraints()) {
            try {
                constraints = OfferConstraints.of(update.getOfferConstraints());
            } catch (IllegalArgumentException e) {
                return CallResult.badRequest(e.getMessage());
            }
        }
        Optional<String> refused = FrameworkInfoUpdate.refuseUpdate(framework.info, info);
        if (refused.isPresent()) {
            return CallResult.badRequest(refused.get());
        }
        framework.info = info;
        framework.constraints = constraints;
        framework.suppressedRoles.clear();
        framework.suppressedRoles.addAll(update.getSuppressedRolesList());
        for (Offer offer : new ArrayList<>(framework.offers.values())) {
            if (!framework.roles().contains(offer.role)) {
                master.allocator.rescind(offer);
            }
        }
        master.allocator.requestAllocation();
        return CallResult.OK;
    }

    /** Closes every framework's stream, as a network partition would; returns how many were open. */
    int dropConnections() {
        int dropped = 0;
        for (Framework framework : frameworks.values()) {
            if (framework.stream != null) {
                framework.stream.close();
                dropped++;
            }
        }
        return dropped;
    }
}
