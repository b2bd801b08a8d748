package dev.gantry.mesos;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of the subscription thread: subscribes, reads events until the stream ends, backs
 * off, resubscribes with the framework id, until the client stops.
 */
final class SubscriptionLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionLoop.class);

    /**
     * The heartbeat interval when SUBSCRIBED names none (Mesos' default), and the one assumed
     * while waiting for SUBSCRIBED on a fresh stream.
     */
    static final double DEFAULT_HEARTBEAT_SECONDS = 15;

    private final SubscriptionState state;
    private final MasterDetector detector;
    private final MasterConnector connector;
    private final EventDispatcher dispatcher;
    private final Backoff backoff;
    private final HeartbeatWatchdog watchdog;
    private final BlockingSection blocking;
    private final int heartbeatMisses;
    private final int maxEventBytes;
    private volatile EventStream current;

    SubscriptionLoop(SubscriptionState state, MasterDetector detector, MasterConnector connector, EventDispatcher dispatcher, Backoff backoff,
                     HeartbeatWatchdog watchdog, BlockingSection blocking, int heartbeatMisses, int maxEventBytes) {
        this.state = state;
        this.detector = detector;
        detector.watch(state::wake);
        this.connector = connector;
        this.dispatcher = dispatcher;
        this.backoff = backoff;
        this.watchdog = watchdog;
        this.blocking = blocking;
        this.heartbeatMisses = heartbeatMisses;
        this.maxEventBytes = maxEventBytes;
    }

    @Override
    public void run() {
        try {
            while (!state.stopped()) {
                SubscribeOutcome outcome;
                try {
                    outcome = subscribe();
                } catch (InterruptedException e) {
                    // Only close() interrupts a SUBSCRIBE on purpose; anything else was meant
                    // for a stream that has already ended.
                    if (state.stopped()) {
                        break;
                    }
                    outcome = new SubscribeOutcome.Unavailable("the SUBSCRIBE was interrupted");
                }
                if (outcome instanceof SubscribeOutcome.Connected connected) {
                    read(connected);
                } else if (outcome instanceof SubscribeOutcome.Refused refused) {
                    LOG.error("giving up on Mesos: {}", refused.reason());
                    state.stop(refused.reason());
                } else if (outcome instanceof SubscribeOutcome.Unavailable unavailable) {
                    state.problem(unavailable.reason());
                }
                if (!state.stopped()) {
                    Duration delay = backoff.next();
                    LOG.info("subscribing again in {} ms", delay.toMillis());
                    if (state.awaitStop(delay)) {
                        // A new leader is a fresh start: the backoff grew against the old one.
                        LOG.info("the masters changed; subscribing again now");
                        backoff.reset();
                    }
                }
            }
        } catch (InterruptedException e) {
            state.stop("the subscription thread was interrupted");
        } catch (RuntimeException | Error e) {
            state.stop("the subscription thread failed: " + e);
            LOG.error("the subscription thread failed", e);
            throw e;
        } finally {
            watchdog.close();
            detector.close();
            dispatcher.stopped(state.stopReason().orElse("stopped"));
        }
    }

    /** Ends the stream being read, if any: for close() and teardown(). */
    void abort(String reason) {
        EventStream stream = current;
        if (stream != null) {
            stream.abort(reason);
        }
        blocking.interrupt();
    }

    /** One round over the masters, stopping at the first that answers for good or opens a stream. */
    private SubscribeOutcome subscribe() throws InterruptedException {
        List<URI> candidates;
        try {
            URI lastLeader = state.leader();
            candidates = blocking.run(() -> detector.candidates(lastLeader));
        } catch (IOException e) {
            return new SubscribeOutcome.Unavailable(e.getMessage());
        }
        SubscribeOutcome outcome = null;
        for (URI endpoint : candidates) {
            if (state.stopped()) {
                break;
            }
            Call call = state.subscribeCall();
            if (call.hasFrameworkId()) {
                LOG.info("resubscribing to {} as framework {}", endpoint, call.getFrameworkId().getValue());
            } else {
                LOG.info("subscribing to {} as a new framework '{}'", endpoint,
                        call.getSubscribe().getFrameworkInfo().getName());
            }
            outcome = connector.subscribe(endpoint, call, state::leader);
            if (!(outcome instanceof SubscribeOutcome.Unavailable unavailable)) {
                return outcome;
            }
            if (!state.stopped()) {
                LOG.warn("cannot subscribe: {}", unavailable.reason());
            }
        }
        return outcome == null ? new SubscribeOutcome.Unavailable("stopped") : outcome;
    }

    private void read(SubscribeOutcome.Connected connected) {
        EventStream stream = new EventStream(connected.body(), connected.mediaType(), maxEventBytes);
        current = stream;
        if (state.stopped()) {
            stream.abort("stopped");
        }
        watch(stream, DEFAULT_HEARTBEAT_SECONDS);
        boolean subscribed = false;
        String loss;
        try {
            while (true) {
                Event event = blocking.run(stream::next);
                if (event == null) {
                    loss = "the master closed the event stream";
                    break;
                }
                LOG.debug("{} event from {}", event.getType(), connected.endpoint());
                if (!subscribed && event.getType() == Event.Type.SUBSCRIBED) {
                    subscribed = true;
                    subscribed(connected, stream, event.getSubscribed());
                } else if (!subscribed && event.getType() != Event.Type.ERROR) {
                    loss = "the master sent " + event.getType() + " before SUBSCRIBED";
                    break;
                }
                dispatcher.dispatch(event);
                if (event.getType() == Event.Type.ERROR) {
                    String message = event.getError().getMessage();
                    LOG.error("the master at {} sent ERROR: {}", connected.endpoint(), message);
                    state.stop("the master sent ERROR: " + message);
                    return;
                }
            }
        } catch (IOException e) {
            loss = stream.abortReason().orElseGet(() -> "the event stream failed: " + MasterConnector.describe(e));
        } catch (InterruptedException e) {
            loss = stream.abortReason().orElse("reading the event stream was interrupted");
        } finally {
            watchdog.unwatch();
            current = null;
            stream.close();
            state.streamLost();
        }
        if (state.stopped()) {
            return;
        }
        state.problem(loss);
        if (subscribed) {
            LOG.warn("lost the event stream from {}: {}", connected.endpoint(), loss);
            dispatcher.disconnected(loss);
        } else {
            LOG.warn("the event stream from {} ended before SUBSCRIBED: {}", connected.endpoint(), loss);
        }
    }

    private void subscribed(SubscribeOutcome.Connected connected, EventStream stream, Event.Subscribed subscribed) {
        FrameworkID id = subscribed.getFrameworkId();
        boolean again = state.frameworkId().filter(id::equals).isPresent();
        state.subscribed(id, connected.streamId(), connected.endpoint());
        backoff.reset();
        double interval = subscribed.hasHeartbeatIntervalSeconds() && subscribed.getHeartbeatIntervalSeconds() > 0
                ? subscribed.getHeartbeatIntervalSeconds()
                : DEFAULT_HEARTBEAT_SECONDS;
        watch(stream, interval);
        LOG.info("{} to {} as framework {} (heartbeat every {} s)", again ? "resubscribed" : "subscribed",
                connected.endpoint(), id.getValue(), interval);
    }

    private void watch(EventStream stream, double heartbeatSeconds) {
        Duration limit = Duration.ofNanos((long) (heartbeatSeconds * heartbeatMisses * 1e9));
        watchdog.watch(stream, limit, silence -> {
            String reason = String.format("no event from the master for %.1f s (%d heartbeats of %.1f s missed)",
                    silence.toNanos() / 1e9, heartbeatMisses, heartbeatSeconds);
            LOG.warn("{}; dropping the connection", reason);
            stream.abort(reason);
            if (current == stream) {
                blocking.interrupt();
            }
        });
    }
}
