package dev.gantry.service.drivers;

/**
 * What the service hears from its {@link DriverFramework}. Status updates come in the order Mesos
 * sent them, on the scheduler client's thread (a kill of a driver that was never launched is told
 * on the thread that asked for it); a slow callback holds up the events behind it. Updates are
 * acknowledged to Mesos once the callback returns, so an update the service did not see because
 * it crashed mid-callback comes again after it re-subscribes.
 */
public interface DriverListener {
    /**
     * Subscribed (again) as framework {@code frameworkId}: store it, and give it back in
     * {@link DriverFramework.Settings} after a restart so that the service resubscribes as the same
     * framework and keeps its running drivers.
     */
    default void subscribed(String frameworkId) {}

    /** A driver task's state changed, or reconciliation reported it. */
    void update(DriverUpdate update);

    /** The connection to the master was lost; the framework resubscribes by itself, with backoff. */
    default void disconnected(String reason) {}

    /** The framework stopped for good: closed, torn down, or refused by the master (the reason says which). */
    default void stopped(String reason) {}
}
