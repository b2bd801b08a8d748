package dev.gantry.mesos;

import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.InverseOffer;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * What a scheduler hears from the master. The client calls these in event order on its own
 * reader thread, one at a time, so an implementation needs no locking of its own against the
 * client; a slow callback holds up the events behind it. An exception thrown here is logged and
 * does not end the subscription.
 */
public interface SchedulerListener {

    /** The master accepted the SUBSCRIBE (again, after a reconnect). */
    default void subscribed(FrameworkID frameworkId, Event.Subscribed subscribed) {}

    default void offers(List<Offer> offers) {}

    default void inverseOffers(List<InverseOffer> inverseOffers) {}

    /** The offer is gone; an ACCEPT naming it will fail. */
    default void rescind(OfferID offerId) {}

    default void rescindInverseOffer(OfferID inverseOfferId) {}

    /** A task status; acknowledge it when it carries a uuid ({@link SchedulerClient#acknowledge(org.apache.mesos.v1.Protos.TaskStatus)}). */
    default void update(TaskStatus status) {}

    default void operationStatus(OperationStatus status) {}

    /** Bytes an executor sent to the framework. */
    default void message(AgentID agentId, ExecutorID executorId, byte[] data) {}

    /** An agent or an executor failed. */
    default void failure(Event.Failure failure) {}

    /** The master's ERROR event; the client stops right after it ({@link #stopped(String)}). */
    default void error(String message) {}

    default void heartbeat() {}

    /** The event stream was lost; the client resubscribes on its own, with backoff. */
    default void disconnected(String reason) {}

    /** The client gave up for good: closed, torn down, refused by the master, or told to go by an ERROR event. */
    default void stopped(String reason) {}
}
