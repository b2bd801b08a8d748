package dev.gantry.localcluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** A framework the master knows, subscribed now or within its failover timeout. */
final class Framework {
    static final int COMPLETED_TASKS_KEPT = 1000;

    final FrameworkID id;
    final long registeredMillis;
    /** When the master removed it; 0 while it is registered. */
    long unregisteredMillis;
    FrameworkInfo info;
    final Set<String> suppressedRoles = new LinkedHashSet<>();
    OfferConstraints constraints = OfferConstraints.NONE;
    EventStream stream;
    final Map<String, Task> tasks = new LinkedHashMap<>();
    final Deque<Task> completedTasks = new ArrayDeque<>();
    final Map<OfferID, Offer> offers = new LinkedHashMap<>();
    /** Its own executors that are running, by {@link Executor#key}. */
    final Map<String, Executor> executors = new LinkedHashMap<>();
    final List<RefuseFilter> filters = new ArrayList<>();
    ScheduledFuture<?> heartbeat;
    ScheduledFuture<?> failoverExpiry;

    Framework(FrameworkID id, FrameworkInfo info, long registeredMillis) {
        this.id = id;
        this.info = info;
        this.registeredMillis = registeredMillis;
    }

    boolean connected() {
        return stream != null;
    }

    /** The framework's roles: {@code roles} for MULTI_ROLE frameworks, else the legacy {@code role}. */
    // Mesos still reads and writes the deprecated role fields for frameworks without
    // RESERVATION_REFINEMENT (and for the legacy single role), so the embedded master must too.
    @SuppressWarnings("deprecation")
    List<String> roles() {
        if (hasCapability(FrameworkInfo.Capability.Type.MULTI_ROLE)) {
            return info.getRolesList();
        }
        return List.of(info.hasRole() ? info.getRole() : ResourceVector.UNRESERVED);
    }

    boolean hasCapability(FrameworkInfo.Capability.Type type) {
        for (FrameworkInfo.Capability c : info.getCapabilitiesList()) {
            if (c.getType() == type) {
                return true;
            }
        }
        return false;
    }

    boolean partitionAware() {
        return hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE);
    }

    void send(Event event) {
        if (stream != null) {
            stream.send(event);
        }
    }

    void rememberCompleted(Task task) {
        completedTasks.addLast(task);
        while (completedTasks.size() > COMPLETED_TASKS_KEPT) {
            completedTasks.removeFirst();
        }
    }

    String name() {
        return info.getName() + " (" + id.getValue() + ")";
    }
}
