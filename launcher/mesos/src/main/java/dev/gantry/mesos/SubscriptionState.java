package dev.gantry.mesos;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * What a scheduler client knows about its subscription, shared by the subscription thread, the
 * threads making calls and the HttpClient threads completing them: the leading master, the
 * framework as the master knows it, the current stream, and whether the client has stopped.
 */
final class SubscriptionState {

    /** What a call needs: where to send it and the stream it belongs to. */
    record Session(URI endpoint, String streamId, FrameworkID frameworkId) {}

    private final String masters;
    private URI leader;
    private FrameworkInfo frameworkInfo;
    private final Set<String> suppressedRoles;
    private FrameworkID frameworkId;
    private String streamId;
    private String lastProblem;
    private String stopReason;
    private boolean woken;

    /**
     * @param masters       the masters as the user named them, for messages
     * @param initialLeader the endpoint to address until a leader is known; null when a detector
     *                      names it first
     */
    SubscriptionState(String masters, URI initialLeader, FrameworkInfo frameworkInfo,
                      Collection<String> suppressedRoles) {
        this.masters = masters;
        this.leader = initialLeader;
        this.frameworkInfo = frameworkInfo;
        this.suppressedRoles = new LinkedHashSet<>(suppressedRoles);
        this.frameworkId = frameworkInfo.hasId() ? frameworkInfo.getId() : null;
    }

    /** The last known leader's endpoint; null before a detector named one. */
    synchronized URI leader() {
        return leader;
    }

    synchronized void leader(URI endpoint) {
        leader = endpoint;
    }

    /** The SUBSCRIBE for now: with the framework id once the master has assigned one. */
    synchronized Call subscribeCall() {
        return Calls.subscribe(frameworkInfo, Optional.ofNullable(frameworkId), suppressedRoles);
    }

    synchronized Optional<FrameworkID> frameworkId() {
        return Optional.ofNullable(frameworkId);
    }

    synchronized Optional<String> streamId() {
        return Optional.ofNullable(streamId);
    }

    synchronized FrameworkInfo frameworkInfo() {
        return frameworkInfo;
    }

    synchronized void subscribed(FrameworkID id, String stream, URI endpoint) {
        frameworkId = id;
        streamId = stream;
        leader = endpoint;
        lastProblem = null;
        notifyAll();
    }

    synchronized void streamLost() {
        streamId = null;
    }

    /** Remembered for {@link #awaitSubscribed}'s timeout message. */
    synchronized void problem(String problem) {
        lastProblem = problem;
    }

    /**
     * The session for a call.
     *
     * @throws IllegalStateException when there is no live subscription
     */
    synchronized Session session() {
        if (stopReason != null) {
            throw new IllegalStateException("the scheduler client has stopped: " + stopReason);
        }
        if (streamId == null) {
            throw new IllegalStateException("not subscribed to a Mesos master yet"
                    + (lastProblem == null ? "" : " (" + lastProblem + ")"));
        }
        return new Session(leader, streamId, frameworkId);
    }

    /** Roles suppressed by a SUPPRESS the master accepted; none means all of the framework's roles. */
    synchronized void suppressed(Collection<String> roles) {
        suppressedRoles.addAll(roles.isEmpty() ? frameworkInfo.getRolesList() : roles);
    }

    /** Roles revived by a REVIVE the master accepted; none means all. */
    synchronized void revived(Collection<String> roles) {
        if (roles.isEmpty()) {
            suppressedRoles.clear();
        } else {
            suppressedRoles.removeAll(roles);
        }
    }

    synchronized Set<String> suppressedRoles() {
        return Set.copyOf(suppressedRoles);
    }

    /** An UPDATE_FRAMEWORK the master accepted: later resubscribes send the new info. */
    synchronized void frameworkUpdated(FrameworkInfo info, Collection<String> suppressed) {
        frameworkInfo = info;
        suppressedRoles.clear();
        suppressedRoles.addAll(suppressed);
    }

    /** Stops for good; only the first reason counts. Returns whether this call stopped the client. */
    synchronized boolean stop(String reason) {
        if (stopReason != null) {
            return false;
        }
        stopReason = reason;
        streamId = null;
        notifyAll();
        return true;
    }

    synchronized boolean stopped() {
        return stopReason != null;
    }

    synchronized Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /**
     * Waits up to {@code timeout} unless the client stops or {@link #wake()} comes first; for
     * backoff between attempts. Returns whether a wake ended (or preceded) the wait.
     */
    synchronized boolean awaitStop(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stopReason == null && !woken) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        boolean wasWoken = woken;
        woken = false;
        return wasWoken;
    }

    /** Cuts the current (or next) backoff short: the masters changed, so a new attempt may succeed at once. */
    synchronized void wake() {
        woken = true;
        notifyAll();
    }

    synchronized FrameworkID awaitSubscribed(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (stopReason != null) {
                throw new IllegalStateException("the scheduler client has stopped: " + stopReason);
            }
            if (streamId != null) {
                return frameworkId;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("not subscribed to the Mesos master at "
                        + (leader == null ? masters : MasterAddresses.baseOf(leader))
                        + " within " + timeout.toMillis() + " ms"
                        + (lastProblem == null ? "" : "; last problem: " + lastProblem));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
