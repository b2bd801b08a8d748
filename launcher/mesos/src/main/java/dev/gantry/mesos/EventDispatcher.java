package dev.gantry.mesos;

import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the scheduler's listener. A listener that throws is logged and skipped: one
 * faulty callback must not cost the framework its subscription.
 */
final class EventDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final SchedulerListener listener;

    EventDispatcher(SchedulerListener listener) {
        this.listener = listener;
    }

    void dispatch(Event event) {
        switch (event.getType()) {
            case SUBSCRIBED:
                guarded("SUBSCRIBED", () -> listener.subscribed(event.getSubscribed().getFrameworkId(),
                        event.getSubscribed()));
                break;
            case OFFERS:
                guarded("OFFERS", () -> listener.offers(event.getOffers().getOffersList()));
                break;
            case INVERSE_OFFERS:
                guarded("INVERSE_OFFERS", () -> listener.inverseOffers(event.getInverseOffers().getInverseOffersList()));
                break;
            case RESCIND:
                guarded("RESCIND", () -> listener.rescind(event.getRescind().getOfferId()));
                break;
            case RESCIND_INVERSE_OFFER:
                guarded("RESCIND_INVERSE_OFFER",
                        () -> listener.rescindInverseOffer(event.getRescindInverseOffer().getInverseOfferId()));
                break;
            case UPDATE:
                guarded("UPDATE", () -> listener.update(event.getUpdate().getStatus()));
                break;
            case UPDATE_OPERATION_STATUS:
                guarded("UPDATE_OPERATION_STATUS",
                        () -> listener.operationStatus(event.getUpdateOperationStatus().getStatus()));
                break;
            case MESSAGE: {
                Event.Message message = event.getMessage();
                guarded("MESSAGE", () -> listener.message(message.getAgentId(), message.getExecutorId(),
                        message.getData().toByteArray()));
                break;
            }
            case FAILURE:
                guarded("FAILURE", () -> listener.failure(event.getFailure()));
                break;
            case ERROR:
                guarded("ERROR", () -> listener.error(event.getError().getMessage()));
                break;
            case HEARTBEAT:
                guarded("HEARTBEAT", listener::heartbeat);
                break;
            default:
                // A newer master's event type: the stream stays usable, so skip it.
                LOG.debug("ignoring an event of unknown type {}", event.getType());
                break;
        }
    }

    void disconnected(String reason) {
        guarded("disconnected", () -> listener.disconnected(reason));
    }

    void stopped(String reason) {
        guarded("stopped", () -> listener.stopped(reason));
    }

    private static void guarded(String what, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.error("the scheduler listener failed handling {}", what, e);
        }
    }
}
